package vae.core.data;

/**
 * What reading a folder of images does with a file it cannot decode (corrupt, truncated, an unsupported
 * colour type). Images over the pixel cap are always refused, whatever the policy: they are not broken,
 * they are too large, and skipping them silently would hide that.
 */
public enum BadImagePolicy {
    /** Stop with a one-line {@link DataException} naming the file. */
    FAIL,
    /** Leave the file out and count it ({@link ImageFolderData#skipped()}). */
    SKIP
}
