package vae.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --config FILE}: a JSON object of hyperparameters, e.g. {@code {"beta": 4, "latent": 10}},
 * read generically: values become the same text {@code -P key=value} would give, and the
 * variant's declarations validate them; an array of numbers becomes a list such as {@code 32,64,128}.
 */
final class HyperparameterFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HyperparameterFile() {
    }

    /** The file's keys and values as text, in file order. */
    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserError("--config " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserError("--config " + file + ": not UTF-8 text; save it as UTF-8 JSON such as {\"beta\": 4}");
        } catch (JacksonException e) {
            throw new UserError("--config " + file + ": not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + "); expected an object such as {\"beta\": 4}");
        } catch (IOException e) {
            throw new UserError("--config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError("--config " + file + ": expected a JSON object of hyperparameters such as {\"beta\": 4}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray() && integers(v)) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                values.put(e.getKey(), String.join(",", items));
                continue;
            }
            if (!v.isValueNode() || v.isNull()) {
                throw new UserError("--config " + file + ": the value of '" + e.getKey()
                        + "' must be a number, string, true/false or an array of integers, got " + v);
            }
            values.put(e.getKey(), v.asText());
        }
        return values;
    }

    private static boolean integers(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }
}
