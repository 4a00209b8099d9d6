package vae.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A folder of images read as a data set.
 *
 * @param data       the train and test examples; labelled if the folder has class subfolders
 * @param classNames the class names, label {@code i} being name {@code i} (sorted); empty for unlabelled data
 * @param source     the folder and the options it was read with, its size resolved if it came from the first
 *                   image: {@code source.spec()} reads the same examples again
 * @param skipped    the files left out as undecodable under {@link BadImagePolicy#SKIP}, in the order met
 */
public record ImageFolderData(DataSplit data, List<String> classNames, ImageFolderSource source, List<Path> skipped) {

    /** Validates and copies the lists. */
    public ImageFolderData {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
        classNames = List.copyOf(classNames);
        skipped = List.copyOf(skipped);
    }

    /**
     * Tells whether the examples carry class labels.
     *
     * @return {@code true} if the folder had class subfolders
     */
    public boolean labelled() {
        return !classNames.isEmpty();
    }
}
