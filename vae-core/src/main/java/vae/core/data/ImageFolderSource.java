package vae.core.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A folder of images with the options to read it: what a checkpoint records as its data set specification,
 * as one line of JSON ({@link #spec()}) that {@link #parse} turns back into the same source.
 *
 * <p>The specification is an object beginning with {@code {"images":"/absolute/dir"}}, then {@code channels},
 * {@code height}, {@code width} (0 and 0: the first image's size), {@code test_fraction}, {@code split_seed},
 * {@code on_bad_image} ({@code "fail"} or {@code "skip"}), {@code train_limit}, {@code test_limit} (0: all)
 * and {@code max_pixels}. The key {@code "images"} tells it apart from a table's specification, whose key is
 * {@code "table"}.
 *
 * @param directory the folder, absolute and normalised
 * @param options   how it is read
 */
public record ImageFolderSource(Path directory, ImageFolderOptions options) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes the directory absolute and normalised. */
    public ImageFolderSource {
        directory = directory.toAbsolutePath().normalize();
        Objects.requireNonNull(options, "options");
    }

    /**
     * Reads the folder.
     *
     * @return the examples and their class names
     * @throws DataException if the folder or an image cannot be used; the message names the file and the fix
     */
    public ImageFolderData read() {
        return ImageFolderReader.read(directory, options);
    }

    /**
     * Tells whether a data set specification describes a folder of images.
     *
     * @param spec any specification, such as {@code mnist} or one written by {@link #spec()}
     * @return {@code true} if it is a JSON object with the key {@code "images"}
     */
    public static boolean isSpec(String spec) {
        if (spec == null || !spec.startsWith("{")) {
            return false;
        }
        try {
            return JSON.readTree(spec).path("images").isTextual();
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * Returns this source as one line of JSON.
     *
     * @return the specification, beginning with {@code {"images":}
     */
    public String spec() {
        ObjectNode n = JSON.createObjectNode();
        n.put("images", directory.toString());
        n.put("channels", options.channels());
        n.put("height", options.height());
        n.put("width", options.width());
        n.put("test_fraction", options.testFraction());
        n.put("split_seed", options.splitSeed());
        n.put("on_bad_image", options.onBadImage().name().toLowerCase(Locale.ROOT));
        n.put("train_limit", options.trainLimit());
        n.put("test_limit", options.testLimit());
        n.put("max_pixels", options.maxPixels());
        return n.toString();
    }

    /**
     * Returns the source a specification describes; keys it lacks take their default values.
     *
     * @param spec a specification written by {@link #spec()}
     * @return the source
     * @throws DataException if the specification is not one {@link #spec()} wrote
     */
    public static ImageFolderSource parse(String spec) {
        try {
            JsonNode n = JSON.readTree(spec);
            if (!n.path("images").isTextual()) {
                throw new DataException("the recorded image folder has no directory (no \"images\" key);"
                        + " the checkpoint is damaged");
            }
            ImageFolderOptions d = ImageFolderOptions.defaults();
            ImageFolderOptions options = new ImageFolderOptions(
                    n.path("channels").asInt(d.channels()),
                    n.path("height").asInt(d.height()),
                    n.path("width").asInt(d.width()),
                    n.path("test_fraction").asDouble(d.testFraction()),
                    n.path("split_seed").asLong(d.splitSeed()),
                    BadImagePolicy.valueOf(n.path("on_bad_image").asText("fail").toUpperCase(Locale.ROOT)),
                    n.path("train_limit").asInt(d.trainLimit()),
                    n.path("test_limit").asInt(d.testLimit()),
                    n.path("max_pixels").asLong(d.maxPixels()));
            return new ImageFolderSource(Path.of(n.get("images").asText()), options);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DataException("the recorded image folder is malformed (" + String.valueOf(e.getMessage())
                    .lines().findFirst().orElse("") + "); the checkpoint is damaged", e);
        }
    }
}
