package vae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {

    @Test
    void aMissingFileIsAnEmptyHistory(@TempDir Path dir) throws Exception {
        assertTrue(RunHistory.read(dir.resolve("history.jsonl")).isEmpty());
    }

    @Test
    void linesCutShortAreSkippedAndTheLaterLineOfAnEpochWins(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, """
                {"epoch":2,"train_loss":150.0,"test_loss":140.0,"test_terms":{"recon":130.0,"kl":null}}
                {"epoch":1,"train_loss":200.0,"test_loss":180.0,"test_terms":{"recon":170.0,"kl":10.0},"train_terms":{"recon":190.0}}
                {"epoch":2,"train_loss":149.0,"test_loss":139.0,"test_terms":{"recon":129.0,"kl":10.0}}
                {"epoch":3,"train_lo
                """);
        RunHistory h = RunHistory.read(f);
        assertEquals(2, h.epochs().size());
        assertEquals(1, h.epochs().get(0).epoch());
        assertEquals(149.0, h.last().trainLoss());
        assertEquals(190.0, h.epochs().get(0).trainTerms().get("recon"));
        assertEquals(java.util.List.of("recon", "kl"), h.termNames());
    }

    @Test
    void aNullTermIsNaN(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, "{\"epoch\":1,\"train_loss\":1.0,\"test_loss\":null,\"test_terms\":{\"kl\":null}}\n");
        RunHistory h = RunHistory.read(f);
        assertTrue(Double.isNaN(h.last().testLoss()));
        assertTrue(Double.isNaN(h.last().testTerms().get("kl")));
    }

    @Test
    void aValidationLossIsReadWhereTheRunHasOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, """
                {"epoch":1,"train_loss":2.0,"test_loss":1.5,"validation_loss":1.25}
                {"epoch":2,"train_loss":1.0,"test_loss":1.0}
                """);
        RunHistory h = RunHistory.read(f);
        assertTrue(h.hasValidation());
        assertEquals(1.25, h.epochs().get(0).validationLoss());
        assertTrue(Double.isNaN(h.epochs().get(1).validationLoss()));
    }
}
