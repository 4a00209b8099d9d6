package vae.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import vae.core.data.ImageFolderLayout.ImageFile;

/**
 * Reads a folder of PNG and JPEG images as a train/test split, like torchvision's {@code ImageFolder}.
 *
 * <p>Layouts, with {@code *} any file named {@code .png}, {@code .jpg} or {@code .jpeg} in any case:
 * <ul>
 *   <li>{@code dir/<class>/*}: labelled, label {@code i} being the {@code i}-th class folder name in sorted order
 *       (an empty class folder is allowed: its label has no examples);</li>
 *   <li>{@code dir/*}: unlabelled;</li>
 *   <li>{@code dir/train/...} and {@code dir/test/...}, each laid out as one of the above (both labelled or both
 *       not): the split is given, and nothing else in {@code dir} is read.</li>
 * </ul>
 * Hidden entries (names beginning with {@code .}) and other files are ignored, symbolic links are followed, and
 * folders below a class folder are not read. Files are taken in sorted path order.
 *
 * <p>Without a given split, each class (or the whole unlabelled set) is shuffled by Fisher–Yates with one
 * {@code SplittableRandom(splitSeed)}, classes in label order, and its first {@code round(testFraction · n)}
 * files go to the test part, the rest to the training part; both parts stay in sorted path order. A limit keeps
 * a sample of its part drawn by a further shuffle of the same generator (still in path order).
 *
 * <p>Images are decoded one at a time into the final array (see {@link ImageFileReader} for the conversion and
 * resizing), so memory holds the examples as bytes, one decoded image, and finally the examples as floats.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {
    }

    /**
     * The class names of a folder (its class subfolders, sorted), without decoding an image;
     * empty for an unlabelled folder.
     *
     * @throws DataException if the folder cannot be used
     */
    public static List<String> classNames(Path dir) {
        return ImageFolderLayout.scan(dir).classNames();
    }

    /**
     * Reads a folder of images.
     *
     * @param dir     the folder
     * @param options the target shape, split, limits, bad-file policy and pixel cap
     * @return the split, the class names, the source with its size resolved, and any skipped files
     * @throws DataException if the folder or an image cannot be used; the message names the file and the fix
     */
    public static ImageFolderData read(Path dir, ImageFolderOptions options) {
        ImageFolderLayout layout = ImageFolderLayout.scan(dir);
        SplittableRandom random = new SplittableRandom(options.splitSeed());
        List<ImageFile> train;
        List<ImageFile> test;
        if (layout.givenSplit()) {
            train = layout.train();
            test = layout.test();
        } else {
            List<List<ImageFile>> parts = split(layout.train(), layout.classNames().size(), options.testFraction(),
                    random, dir);
            train = parts.get(0);
            test = parts.get(1);
        }
        train = sample(train, options.trainLimit(), random);
        test = sample(test, options.testLimit(), random);
        List<Path> skipped = new ArrayList<>();
        ImageFolderOptions resolved = options.sizeFromFirstImage()
                ? firstSize(layout.train(), layout.test(), options) : options;
        ExampleShape shape = resolved.shape();
        String name = nameOf(dir);
        boolean labelled = !layout.classNames().isEmpty();
        Dataset trainSet = decode(name + "/train", train, shape, labelled, resolved, skipped);
        Dataset testSet = decode(name + "/test", test, shape, labelled, resolved, skipped);
        return new ImageFolderData(new DataSplit(trainSet, testSet), layout.classNames(),
                new ImageFolderSource(dir, resolved), skipped);
    }

    private static List<List<ImageFile>> split(List<ImageFile> files, int classes, double testFraction,
            SplittableRandom random, Path dir) {
        if (files.size() < 2) {
            throw new DataException(dir + ": only " + files.size() + " image found: a train/test split needs at least"
                    + " 2 images; add images, or give train/ and test/ subfolders");
        }
        int groups = Math.max(1, classes);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < groups; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < files.size(); i++) {
            byClass.get(Math.max(0, files.get(i).label())).add(i); // in path order within each class
        }
        boolean[] isTest = new boolean[files.size()];
        for (List<Integer> members : byClass) {
            Integer[] shuffled = members.toArray(Integer[]::new);
            shuffle(shuffled, random);
            long held = Math.round(testFraction * shuffled.length);
            for (int i = 0; i < held; i++) {
                isTest[shuffled[i]] = true;
            }
        }
        List<ImageFile> train = new ArrayList<>();
        List<ImageFile> test = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (isTest[i] ? test : train).add(files.get(i));
        }
        if (test.isEmpty() || train.isEmpty()) {
            throw new DataException(dir + ": a test fraction of " + testFraction + " puts " + (test.isEmpty()
                    ? "none" : "all") + " of its " + files.size() + " images in the test part: "
                    + (test.isEmpty() ? "raise the test fraction or add images" : "lower the test fraction"));
        }
        return List.of(train, test);
    }

    private static <T> void shuffle(T[] items, SplittableRandom random) {
        for (int i = items.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }

    // A seeded sample of at most `limit` files (0: all), kept in path order.
    private static List<ImageFile> sample(List<ImageFile> files, int limit, SplittableRandom random) {
        if (limit == 0 || files.size() <= limit) {
            return files;
        }
        Integer[] index = new Integer[files.size()];
        Arrays.setAll(index, i -> i);
        shuffle(index, random);
        Integer[] kept = Arrays.copyOf(index, limit);
        Arrays.sort(kept);
        return Arrays.stream(kept).map(files::get).toList();
    }

    private static ImageFolderOptions firstSize(List<ImageFile> train, List<ImageFile> test,
            ImageFolderOptions options) {
        for (List<ImageFile> part : List.of(train, test)) {
            for (ImageFile f : part) {
                try {
                    ImageFileReader.Size size = ImageFileReader.size(f.path(), options.maxPixels());
                    return options.withSize(size.height(), size.width());
                } catch (ImageFileReader.UndecodableImageException e) {
                    if (options.onBadImage() == BadImagePolicy.FAIL) {
                        throw e;
                    }
                }
            }
        }
        throw new DataException("no image could be decoded, so the image size cannot be taken from the first one:"
                + " check the files, or give the size");
    }

    private static Dataset decode(String name, List<ImageFile> files, ExampleShape shape, boolean labelled,
            ImageFolderOptions options, List<Path> skipped) {
        int dimension = shape.size();
        if ((long) files.size() * dimension > Integer.MAX_VALUE - 8) {
            throw new DataException(name + ": " + files.size() + " images of " + shape + " make more than 2^31 values:"
                    + " use a limit or a smaller image size");
        }
        byte[] pixels = new byte[files.size() * dimension];
        int[] labels = new int[files.size()];
        int kept = 0;
        for (ImageFile f : files) {
            try {
                ImageFileReader.decode(f.path(), shape, options.maxPixels(), pixels, kept * dimension);
                labels[kept++] = f.label();
            } catch (ImageFileReader.UndecodableImageException e) {
                if (options.onBadImage() == BadImagePolicy.FAIL) {
                    throw new DataException(e.getMessage() + ", or skip undecodable files", e.getCause());
                }
                skipped.add(f.path());
            }
        }
        if (kept == 0) {
            throw new DataException(name + ": all " + files.size() + " images were skipped as undecodable (the first: "
                    + files.getFirst().path() + "): check the files");
        }
        if (kept < files.size()) {
            pixels = Arrays.copyOf(pixels, kept * dimension);
            labels = Arrays.copyOf(labels, kept);
        }
        return Dataset.ownUnsignedBytes(name, shape, pixels, labelled ? labels : null);
    }

    private static String nameOf(Path dir) {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return fileName == null ? dir.toString() : fileName.toString();
    }
}
