package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config}: an array of integers is a list hyperparameter's text; other arrays are refused. */
class HyperparameterFileTest {

    @Test
    void anArrayOfIntegersBecomesTheCommaSeparatedList(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{\"channels\": [32, 64, 128, 256], \"latent\": 128}");
        assertEquals(Map.of("channels", "32,64,128,256", "latent", "128"), HyperparameterFile.read(file));
    }

    @Test
    void anArrayOfAnythingElseIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{\"channels\": [32, \"x\"]}");
        var e = assertThrows(UserError.class, () -> HyperparameterFile.read(file));
        assertEquals("--config " + file + ": the value of 'channels' must be a number, string, true/false or an "
                + "array of integers, got [32,\"x\"]", e.getMessage());
    }
}
