package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layouts, labels, the split, limits and the errors of {@link ImageFolderReader}. */
class ImageFolderReaderTest {

    @TempDir
    Path dir;

    private static final ImageFolderOptions GREY_1X1 = ImageFolderOptions.defaults().withChannels(1).withSize(1, 1);

    /** Writes {@code count} 1×1 grey PNGs into {@code folder}, the i-th of level {@code first + i}. */
    private static void ones(Path folder, int first, int count) {
        for (int i = 0; i < count; i++) {
            ImageFixtures.write(ImageFixtures.grey(1, 1, first + i), "png",
                    folder.resolve(String.format("img%03d.png", first + i)));
        }
    }

    private static int[] levels(Dataset d) {
        float[] f = d.features();
        return IntStream.range(0, f.length).map(i -> Math.round(f[i] * 255)).toArray();
    }

    @Test
    void classFoldersOfMixedSizesAndColourTypesBecomeLabelledExamples() {
        ImageFixtures.write(ImageFixtures.grey(3, 5, 10), "png", dir.resolve("cat/a.png"));
        ImageFixtures.write(ImageFixtures.rgb(7, 2, 0x204060), "png", dir.resolve("cat/b.PNG"));
        ImageFixtures.write(ImageFixtures.palette(4, 4, 2, new int[] {0, 0xffffff, 0x808080}), "png",
                dir.resolve("cat/c.png"));
        ImageFixtures.write(ImageFixtures.argb(9, 9, 0xff102030), "png", dir.resolve("dog/d.png"));
        ImageFixtures.write(ImageFixtures.rgb(16, 16, 0xa0a0a0), "jpg", dir.resolve("dog/e.JpEg"));
        ImageFixtures.write(ImageFixtures.grey16(2, 2, 65535), "png", dir.resolve("dog/f.png"));
        ImageFixtures.write(ImageFixtures.grey(2, 2, 1), "png", dir.resolve("dog/g.jpg.txt"));
        ImageFixtures.write(ImageFixtures.grey(2, 2, 1), "png", dir.resolve("dog/.hidden.png"));
        ImageFixtures.write(ImageFixtures.grey(2, 2, 1), "png", dir.resolve("dog/deeper/h.png"));
        ImageFixtures.write(ImageFixtures.grey(2, 2, 1), "png", dir.resolve(".thumbs/i.png"));

        ImageFolderData read = ImageFolderReader.read(dir, ImageFolderOptions.defaults().withSize(8, 6)
                .withTestFraction(0.34));

        assertEquals(List.of("cat", "dog"), read.classNames());
        assertTrue(read.labelled());
        Dataset train = read.data().train();
        Dataset test = read.data().test();
        assertEquals(new ExampleShape(3, 8, 6), train.shape());
        assertEquals(4, train.size());
        assertEquals(2, test.size()); // round(0.34 · 3) = 1 of each class
        int[] labels = IntStream.concat(Arrays.stream(train.labels()), Arrays.stream(test.labels())).sorted().toArray();
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, labels);
        assertEquals(List.of(), read.skipped());
    }

    @Test
    void imagesDirectlyInTheFolderAreUnlabelled() {
        ones(dir, 0, 10);
        ImageFolderData read = ImageFolderReader.read(dir, GREY_1X1);
        assertFalse(read.labelled());
        assertFalse(read.data().train().hasLabels());
        assertEquals(8, read.data().train().size());
        assertEquals(2, read.data().test().size());
    }

    @Test
    void trainAndTestFoldersGiveTheSplitAndClassesAcrossBoth() {
        ones(dir.resolve("train/b"), 0, 3);
        ones(dir.resolve("train/a"), 10, 2);
        ones(dir.resolve("test/c"), 20, 1);
        ones(dir.resolve("test/a"), 30, 1);
        ones(dir.resolve("other"), 40, 5); // not read beside train/ and test/

        ImageFolderData read = ImageFolderReader.read(dir, GREY_1X1);

        assertEquals(List.of("a", "b", "c"), read.classNames());
        assertArrayEquals(new int[] {10, 11, 0, 1, 2}, levels(read.data().train()));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, read.data().train().labels());
        assertArrayEquals(new int[] {30, 20}, levels(read.data().test()));
        assertArrayEquals(new int[] {0, 2}, read.data().test().labels());
    }

    @Test
    void flatTrainAndTestFoldersAreUnlabelled() {
        ones(dir.resolve("train"), 0, 3);
        ones(dir.resolve("test"), 10, 2);
        ImageFolderData read = ImageFolderReader.read(dir, GREY_1X1);
        assertArrayEquals(new int[] {0, 1, 2}, levels(read.data().train()));
        assertArrayEquals(new int[] {10, 11}, levels(read.data().test()));
        assertNull(read.data().test().labels());
    }

    @Test
    void theSplitIsStratifiedDeterministicAndInPathOrder() throws Exception {
        ones(dir.resolve("a"), 0, 10);
        ones(dir.resolve("b"), 100, 20);
        ones(dir.resolve("c"), 200, 5);
        Files.createDirectories(dir.resolve("empty-class"));

        ImageFolderData first = ImageFolderReader.read(dir, GREY_1X1.withSplitSeed(7));
        ImageFolderData again = ImageFolderReader.read(dir, GREY_1X1.withSplitSeed(7));
        ImageFolderData other = ImageFolderReader.read(dir, GREY_1X1.withSplitSeed(8));

        assertEquals(List.of("a", "b", "c", "empty-class"), first.classNames());
        int[] testLabels = first.data().test().labels();
        assertEquals(2, Arrays.stream(testLabels).filter(l -> l == 0).count()); // round(0.2 · 10)
        assertEquals(4, Arrays.stream(testLabels).filter(l -> l == 1).count()); // round(0.2 · 20)
        assertEquals(1, Arrays.stream(testLabels).filter(l -> l == 2).count()); // round(0.2 · 5)
        assertEquals(28, first.data().train().size());
        assertArrayEquals(levels(first.data().test()), levels(again.data().test()));
        assertArrayEquals(levels(first.data().train()), levels(again.data().train()));
        assertNotEquals(Arrays.toString(levels(first.data().test())), Arrays.toString(levels(other.data().test())));
        int[] train = levels(first.data().train());
        assertArrayEquals(Arrays.stream(train).sorted().toArray(), train, "path order");
        int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(levels(first.data().test()))).sorted()
                .toArray();
        assertArrayEquals(IntStream.concat(IntStream.concat(IntStream.range(0, 10), IntStream.range(100, 120)),
                IntStream.range(200, 205)).toArray(), all, "every image once");
    }

    @Test
    void limitsKeepASeededSampleInPathOrder() {
        ones(dir, 0, 50);
        ImageFolderOptions options = GREY_1X1.withLimits(7, 3).withSplitSeed(1);
        ImageFolderData read = ImageFolderReader.read(dir, options);
        int[] train = levels(read.data().train());
        assertEquals(7, train.length);
        assertEquals(3, read.data().test().size());
        assertArrayEquals(Arrays.stream(train).sorted().toArray(), train);
        assertArrayEquals(train, levels(ImageFolderReader.read(dir, options).data().train()));
        assertTrue(train[6] > 7, "a sample of the whole part, not its first images: " + Arrays.toString(train));
    }

    @Test
    void theSizeComesFromTheFirstImageUnlessGiven() {
        ImageFixtures.write(ImageFixtures.grey(6, 4, 9), "png", dir.resolve("a/1.png"));
        ImageFixtures.write(ImageFixtures.grey(3, 3, 9), "png", dir.resolve("a/2.png"));
        ImageFixtures.write(ImageFixtures.grey(5, 5, 9), "png", dir.resolve("b/1.png"));
        ImageFixtures.write(ImageFixtures.grey(5, 5, 9), "png", dir.resolve("b/2.png"));
        ImageFolderData read = ImageFolderReader.read(dir, ImageFolderOptions.defaults().withTestFraction(0.5));
        assertEquals(new ExampleShape(3, 4, 6), read.data().train().shape());
        assertEquals(4, read.source().options().height());
        assertEquals(6, read.source().options().width());
    }

    @Test
    void symbolicLinksAreFollowed() throws Exception {
        Path elsewhere = dir.resolve(".elsewhere"); // hidden, so not read itself
        ones(elsewhere, 0, 2);
        Files.createDirectories(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("a/link.png"), elsewhere.resolve("img000.png"));
        Files.createSymbolicLink(dir.resolve("b"), elsewhere);
        ImageFolderData read = ImageFolderReader.read(dir, GREY_1X1.withTestFraction(0.5));
        assertEquals(List.of("a", "b"), read.classNames());
        assertEquals(3, read.data().train().size() + read.data().test().size());
    }

    @Test
    void noImagesNamesTheExtensions() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir + ": no images found (looked for *.png, *.jpg and *.jpeg, in any case, in it and in its"
                + " subfolders, one level down): put the images in one subfolder per class, or directly in the folder"
                + " for unlabelled data", e.getMessage());
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = dir.resolve("nope");
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(missing, GREY_1X1));
        assertEquals(missing + " does not exist: pass a folder of images (*.png, *.jpg and *.jpeg, in any case),"
                + " one subfolder per class", e.getMessage());
    }

    @Test
    void imagesBesideClassFoldersAreRefused() {
        ones(dir, 0, 2);
        ones(dir.resolve("cats"), 10, 2);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir + " holds both images (such as img000.png) and subfolders (such as cats): put every image"
                + " in a class subfolder for labelled data, or remove the subfolders", e.getMessage());
    }

    @Test
    void oneImageIsTooFewToSplit() {
        ones(dir.resolve("a"), 0, 1);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir + ": only 1 image found: a train/test split needs at least 2 images; add images,"
                + " or give train/ and test/ subfolders", e.getMessage());
    }

    @Test
    void aFractionHoldingNothingOutIsRefused() {
        ones(dir.resolve("a"), 0, 2);
        ones(dir.resolve("b"), 10, 2);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir + ": a test fraction of 0.2 puts none of its 4 images in the test part: raise the test"
                + " fraction or add images", e.getMessage());
    }

    @Test
    void anEmptyGivenTestFolderIsRefused() throws Exception {
        ones(dir.resolve("train/a"), 0, 2);
        Files.createDirectories(dir.resolve("test/a"));
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir.resolve("test") + ": no images found (looked for *.png, *.jpg and *.jpeg, in any case, in"
                + " it and in its class subfolders): a given train/test split needs images in both", e.getMessage());
    }

    @Test
    void labelledTrainWithFlatTestIsRefused() {
        ones(dir.resolve("train/a"), 0, 2);
        ones(dir.resolve("test"), 10, 2);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(dir.resolve("test") + " holds images directly but " + dir.resolve("train")
                + " holds class folders: put both parts' images in class folders, or neither", e.getMessage());
    }

    @Test
    void anUndecodableFileFailsByNameOrIsSkippedAndCounted() throws Exception {
        ones(dir.resolve("a"), 0, 5);
        ones(dir.resolve("b"), 10, 5);
        Path bad = Files.writeString(dir.resolve("b/broken.png"), "garbage");

        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(dir, GREY_1X1));
        assertEquals(bad + ": not a PNG or JPEG image (its bytes match no known image format): re-save it as PNG"
                + " or JPEG or remove it, or skip undecodable files", e.getMessage());

        ImageFolderData read = ImageFolderReader.read(dir, GREY_1X1.withOnBadImage(BadImagePolicy.SKIP));
        assertEquals(List.of(bad), read.skipped());
        assertEquals(10, read.data().train().size() + read.data().test().size());
    }

    @Test
    void anImageOverThePixelCapIsRefusedEvenWhenSkipping() throws Exception {
        ones(dir.resolve("a"), 0, 5);
        Path huge = Files.write(dir.resolve("a/huge.png"), ImageFixtures.pngClaiming(100_000, 100_000));
        DataException e = assertThrows(DataException.class,
                () -> ImageFolderReader.read(dir, GREY_1X1.withOnBadImage(BadImagePolicy.SKIP).withTestFraction(0.5)));
        assertTrue(e.getMessage().startsWith(huge + ": its header claims 100000x100000 = 10000000000 pixels, over"
                + " the cap of 67108864"), e.getMessage());
    }

    @Test
    void theSpecRecordsTheFolderAndEveryOption() {
        ImageFolderOptions options = ImageFolderOptions.defaults().withChannels(1).withSize(64, 32)
                .withTestFraction(0.25).withSplitSeed(-3).withOnBadImage(BadImagePolicy.SKIP).withLimits(100, 10)
                .withMaxPixels(1 << 20);
        ImageFolderSource source = new ImageFolderSource(dir.resolve("x/../photos"), options);
        String spec = source.spec();
        assertEquals("{\"images\":\"" + dir.resolve("photos") + "\",\"channels\":1,\"height\":64,\"width\":32,"
                + "\"test_fraction\":0.25,\"split_seed\":-3,\"on_bad_image\":\"skip\",\"train_limit\":100,"
                + "\"test_limit\":10,\"max_pixels\":1048576}", spec);
        assertEquals(source, ImageFolderSource.parse(spec));
        assertTrue(ImageFolderSource.isSpec(spec));
        assertFalse(ImageFolderSource.isSpec("{\"table\":\"/data/x.csv\"}"));
        assertFalse(ImageFolderSource.isSpec("mnist"));
        DataException e = assertThrows(DataException.class,
                () -> ImageFolderSource.parse("{\"images\":\"/x\",\"channels\":2}"));
        assertEquals("the recorded image folder is malformed (channels must be 1 (greyscale) or 3 (RGB), not 2);"
                + " the checkpoint is damaged", e.getMessage());
    }

    @Test
    void theSpecOfAReadFolderReadsTheSameExamples() {
        ones(dir.resolve("a"), 0, 5);
        ones(dir.resolve("b"), 10, 5);
        ImageFolderData read = ImageFolderReader.read(dir, ImageFolderOptions.defaults().withSplitSeed(5));
        ImageFolderData again = ImageFolderSource.parse(read.source().spec()).read();
        assertArrayEquals(read.data().test().features(), again.data().test().features());
        assertArrayEquals(read.data().train().labels(), again.data().train().labels());
    }
}
