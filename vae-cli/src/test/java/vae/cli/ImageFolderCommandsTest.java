package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.checkpoint.Checkpoint;
import vae.core.data.ImageFolderSource;

/** A folder of the user's images through the command line: train, pictures in colour, score by class, resume. */
class ImageFolderCommandsTest {
    @TempDir
    static Path tmp;
    private static Path photos;
    private static Path model;

    /** 30 discs and 30 squares per class folder, of mixed sizes, as PNG and JPEG. */
    @BeforeAll
    static void writeFolderAndTrain() throws IOException {
        photos = tmp.resolve("photos");
        Random r = new Random(3);
        for (String shape : List.of("disc", "square")) {
            Files.createDirectories(photos.resolve(shape));
            for (int i = 0; i < 30; i++) {
                int w = 12 + r.nextInt(12);
                int h = 12 + r.nextInt(12);
                BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                var g = im.createGraphics();
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                if (shape.equals("disc")) {
                    g.fillOval(2, 2, w - 4, h - 4);
                } else {
                    g.fillRect(2, 2, w - 4, h - 4);
                }
                g.dispose();
                String format = i % 3 == 0 ? "jpg" : "png";
                ImageIO.write(im, format, photos.resolve(shape).resolve(i + "." + format).toFile());
            }
        }
        Files.writeString(photos.resolve("notes.txt"), "not an image: ignored");
        model = tmp.resolve("run").resolve("model.safetensors");
        CliRun run = train(tmp.resolve("run"), "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(images as 3x16x16, test fraction 0.25, split seed 1): 44 train, 16 test"),
                run.out());
    }

    private static CliRun train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", photos.toString(), "--image-size",
                "16x16", "--arch", "conv", "--test-fraction", "0.25", "-P", "latent=4", "--batch-size", "16",
                "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theCheckpointRecordsTheFolderAndThePicturesAreInColour() throws IOException {
        var meta = Checkpoint.read(model).metadata();
        assertTrue(ImageFolderSource.isSpec(meta.run().dataset()), meta.run().dataset());
        assertEquals(photos.toAbsolutePath().normalize(), ImageFolderSource.parse(meta.run().dataset()).directory());
        byte[] png = Files.readAllBytes(tmp.resolve("run").resolve("sample_2.png"));
        assertEquals(2, png[25], "PNG colour type 2: RGB");
    }

    @Test
    void scoreNamesTheClassesAndRanksByThem() throws IOException {
        Path scores = tmp.resolve("scores.csv");
        CliRun r = CliRun.of("score", model.toString(), "--normal-label", "disc", "-k", "5", "-o", scores.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("anomalies: 8 of 16 (every label but disc)"), r.out());
        List<String> lines = Files.readAllLines(scores);
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[1].equals("disc") || l.split(",")[1].equals("square")),
                lines.get(1));
    }

    @Test
    void oneClassAndResumeWork() {
        Path discs = tmp.resolve("discs");
        CliRun r = train(discs, "--epochs", "1", "--only-label", "disc");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(": 22 train, 16 test"), r.out());
        assertEquals("disc", Checkpoint.read(discs.resolve("model.safetensors")).metadata().run().onlyLabel());
        CliRun resumed = CliRun.of("train", "--resume", discs.resolve("model.safetensors").toString(), "--epochs", "2",
                "--only-label", "disc", "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains(": 22 train, 16 test"), resumed.out());
        assertOneLineError(train(tmp.resolve("cats"), "--only-label", "cat"), "label cat is not a class of",
                "its classes: disc, square");
    }

    @Test
    void anotherFolderIsReadAsTheModelsWasAndOutputsStayOutOfTheFolder() throws IOException {
        Path grey = tmp.resolve("grey");
        CliRun r = train(grey, "--epochs", "1", "--channels", "1");
        assertEquals(0, r.exitCode(), r.err());
        CliRun rec = CliRun.of("reconstruct", grey.resolve("model.safetensors").toString(), "--dataset",
                photos.toString(), "-n", "4", "-o", tmp.resolve("grey.png").toString());
        assertEquals(0, rec.exitCode(), rec.err());
        assertOneLineError(CliRun.of("reconstruct", model.toString(), "-n", "4", "-o",
                photos.resolve("disc").resolve("1.png").toString()), "is inside", "a folder this run reads");
        assertOneLineError(CliRun.of("train", "--resume", grey.resolve("model.safetensors").toString(), "--epochs", "2",
                "--channels", "3"), "--image-size and --channels cannot change a resumed run");
        CliRun again = CliRun.of("train", "--resume", grey.resolve("model.safetensors").toString(), "--epochs", "2",
                "--dataset", photos.toString(), "--threads", "1");
        assertEquals(0, again.exitCode(), again.err());
    }

    @Test
    void badImageOptionsAreOneLine() {
        assertOneLineError(CliRun.of("train", "--dataset", photos.toString(), "--image-size", "16by16", "--out",
                tmp.resolve("size").toString()), "--image-size must be HEIGHTxWIDTH");
        assertOneLineError(CliRun.of("train", "--dataset", photos.toString(), "--channels", "2", "--out",
                tmp.resolve("ch").toString()), "--channels must be 1 (greyscale) or 3 (colour), got 2");
        assertOneLineError(CliRun.of("train", "--channels", "1", "--out", tmp.resolve("mnist").toString()),
                "--image-size and --channels apply to folders of images");
        assertOneLineError(train(tmp.resolve("label"), "--label-column", "x"), "apply to CSV tables");
    }
}
