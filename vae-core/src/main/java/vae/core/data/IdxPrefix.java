package vae.core.data;

/**
 * The first items of an IDX file, as read with a limit.
 *
 * @param array     the items kept (its first dimension is their count)
 * @param fileItems how many items the file holds
 */
public record IdxPrefix(IdxArray array, int fileItems) {
}
