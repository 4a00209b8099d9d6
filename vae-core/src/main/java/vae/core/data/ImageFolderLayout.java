package vae.core.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The image files of a folder and their classes, found one or two levels down as {@link ImageFolderReader}
 * describes; nothing is decoded here.
 *
 * @param classNames the class folder names in sorted order (label {@code i} is name {@code i}); empty if unlabelled
 * @param train      the training files, or all files if {@code givenSplit} is false; each in sorted path order
 * @param test       the test files of a given split, else empty
 * @param givenSplit true if the folder holds {@code train/} and {@code test/}
 */
record ImageFolderLayout(List<String> classNames, List<ImageFile> train, List<ImageFile> test, boolean givenSplit) {

    /** The extensions read, compared ignoring case. */
    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    /** An image file and its label (-1: unlabelled). */
    record ImageFile(Path path, int label) {
    }

    /** The files of one folder: class subfolders or images directly in it. */
    private record Part(Path dir, List<String> classes, List<List<Path>> classFiles, List<Path> looseFiles) {
        boolean labelled() {
            return !classes.isEmpty();
        }

        int count() {
            return looseFiles.size() + classFiles.stream().mapToInt(List::size).sum();
        }
    }

    /** Lists the image files of {@code dir}. */
    static ImageFolderLayout scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
                    + ": pass a folder of images (" + describeExtensions() + "), one subfolder per class");
        }
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            Part trainPart = part(train);
            Part testPart = part(test);
            if (trainPart.count() > 0 && testPart.count() > 0 && trainPart.labelled() != testPart.labelled()) {
                Part flat = trainPart.labelled() ? testPart : trainPart;
                throw new DataException(flat.dir() + " holds images directly but "
                        + (flat == trainPart ? testPart : trainPart).dir()
                        + " holds class folders: put both parts' images in class folders, or neither");
            }
            TreeSet<String> names = new TreeSet<>(trainPart.classes());
            names.addAll(testPart.classes());
            List<String> classes = List.copyOf(names);
            List<ImageFile> trainFiles = files(trainPart, classes);
            List<ImageFile> testFiles = files(testPart, classes);
            if (trainFiles.isEmpty() || testFiles.isEmpty()) {
                Path empty = trainFiles.isEmpty() ? train : test;
                throw new DataException(empty + ": no images found (looked for " + describeExtensions()
                        + ", in it and in its class subfolders): a given train/test split needs images in both");
            }
            return new ImageFolderLayout(classes, trainFiles, testFiles, true);
        }
        Part all = part(dir);
        if (all.count() == 0) {
            throw new DataException(dir + ": no images found (looked for " + describeExtensions()
                    + ", in it and in its subfolders, one level down): put the images in one subfolder per class,"
                    + " or directly in the folder for unlabelled data");
        }
        return new ImageFolderLayout(all.classes(), files(all, all.classes()), List.of(), false);
    }

    private static List<ImageFile> files(Part part, List<String> classes) {
        List<ImageFile> files = new ArrayList<>();
        for (Path p : part.looseFiles()) {
            files.add(new ImageFile(p, -1));
        }
        for (int k = 0; k < part.classes().size(); k++) {
            int label = classes.indexOf(part.classes().get(k));
            for (Path p : part.classFiles().get(k)) {
                files.add(new ImageFile(p, label));
            }
        }
        return files;
    }

    private static Part part(Path dir) {
        List<Path> subfolders = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        list(dir, subfolders, images);
        if (!subfolders.isEmpty() && !images.isEmpty()) {
            throw new DataException(dir + " holds both images (such as " + images.getFirst().getFileName()
                    + ") and subfolders (such as " + subfolders.getFirst().getFileName()
                    + "): put every image in a class subfolder for labelled data, or remove the subfolders");
        }
        List<String> classes = new ArrayList<>();
        List<List<Path>> classFiles = new ArrayList<>();
        for (Path sub : subfolders) {
            List<Path> ignored = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            list(sub, ignored, files); // deeper folders are not read
            classes.add(sub.getFileName().toString());
            classFiles.add(files);
        }
        return new Part(dir, classes, classFiles, images);
    }

    // Sorted non-hidden subfolders and image files of one folder, symbolic links followed.
    private static void list(Path dir, List<Path> subfolders, List<Path> images) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    subfolders.add(entry);
                } else if (Files.isRegularFile(entry) && isImageName(name)) {
                    images.add(entry);
                }
            }
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder: " + e.getMessage()
                    + ": check that it exists and is readable", e);
        }
        subfolders.sort(null);
        images.sort(null);
    }

    /** True if a file name ends with one of {@link #EXTENSIONS}, in any case. */
    static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    static String describeExtensions() {
        return "*.png, *.jpg and *.jpeg, in any case";
    }
}
