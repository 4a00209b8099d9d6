package vae.api;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The epoch pictures' settings; which epochs are drawn is tested end to end in the CLI's MainTest. */
class PicturesTest {

    @Test
    void everyNeedsAPositiveNumberOfEpochs() {
        Pictures pictures = Pictures.into(Path.of("unused"));
        assertThrows(IllegalArgumentException.class, () -> pictures.every(0));
        assertThrows(IllegalArgumentException.class, () -> pictures.every(-3));
        pictures.every(1).every(100);
    }
}
