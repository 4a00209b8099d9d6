package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.core.data.DatasetCatalog.TEST_IMAGES;
import static vae.core.data.DatasetCatalog.TEST_LABELS;
import static vae.core.data.DatasetCatalog.TRAIN_IMAGES;
import static vae.core.data.DatasetCatalog.TRAIN_LABELS;
import static vae.core.data.IdxFiles.labels;
import static vae.core.data.IdxFiles.ubyte;
import static vae.core.data.IdxFiles.writeFile;
import static vae.core.data.IdxFiles.writeLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void directoryOfRawFilesRoundTrips() {
        writeLayout(dir, 3, 2, 2, 3, false);

        DataSplit split = DatasetCatalog.load(dir.toString());

        assertEquals(new ExampleShape(1, 2, 3), split.train().shape());
        assertEquals(3, split.train().size());
        assertEquals(2, split.test().size());
        assertEquals(dir.getFileName() + "/train", split.train().name());
        float[] row = new float[6];
        split.train().copyRange(2, 1, row);
        assertArrayEquals(new float[] {12 / 255f, 13 / 255f, 14 / 255f, 15 / 255f, 16 / 255f, 17 / 255f}, row);
        assertArrayEquals(new int[] {0, 1, 2}, split.train().labels());
        assertArrayEquals(new int[] {0, 1}, split.test().labels());
    }

    @Test
    void directoryOfGzippedFilesRoundTrips() {
        writeLayout(dir, 4, 3, 5, 5, true);

        DataSplit split = DatasetCatalog.load(dir.toString());

        assertEquals(new ExampleShape(1, 5, 5), split.test().shape());
        assertEquals(4, split.train().size());
        assertEquals(3, split.test().size());
        assertEquals(24 / 255f, split.train().features()[24]);
        assertEquals(2, split.test().label(2));
    }

    @Test
    void directoryMayMixGzippedAndRawFiles() {
        writeFile(dir, TRAIN_IMAGES, ubyte(2, 2, 2), true);
        writeFile(dir, TRAIN_LABELS, labels(7, 8), false);
        writeFile(dir, TEST_IMAGES, ubyte(1, 2, 2), false);
        writeFile(dir, TEST_LABELS, labels(9), true);

        DataSplit split = DatasetCatalog.loadDirectory(dir);

        assertEquals(8, split.train().label(1));
        assertEquals(9, split.test().label(0));
    }

    @Test
    void fourDimensionalImagesKeepTheirChannels() {
        writeFile(dir, TRAIN_IMAGES, ubyte(2, 3, 4, 4), false);
        writeFile(dir, TRAIN_LABELS, labels(0, 1), false);
        writeFile(dir, TEST_IMAGES, ubyte(1, 3, 4, 4), false);
        writeFile(dir, TEST_LABELS, labels(1), false);

        DataSplit split = DatasetCatalog.loadDirectory(dir);

        assertEquals(new ExampleShape(3, 4, 4), split.train().shape());
        assertEquals(48, split.train().dimension());
    }

    @Test
    void labelAndImageCountMismatchNamesBothFiles() {
        writeLayout(dir, 3, 2, 2, 2, false);
        Path labelFile = writeFile(dir, TRAIN_LABELS, labels(1, 2), false);

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertEquals(labelFile + " has 2 labels but " + dir.resolve(TRAIN_IMAGES) + " has 3 images:"
                + " use the label file that belongs to these images", e.getMessage());
    }

    @Test
    void labelFileInPlaceOfImagesIsRejectedByRank() {
        writeLayout(dir, 2, 2, 2, 2, false);
        Path images = writeFile(dir, TEST_IMAGES, labels(1, 2), false);

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertTrue(e.getMessage().startsWith(images + ": expected images as [count, height, width]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("found [2]"), e.getMessage());
    }

    @Test
    void imageFileInPlaceOfLabelsIsRejectedByRank() {
        writeLayout(dir, 2, 2, 2, 2, false);
        Path labelFile = writeFile(dir, TEST_LABELS, ubyte(2, 2, 2), false);

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertTrue(e.getMessage().startsWith(labelFile + ": expected labels as [count], found [2, 2, 2]"),
                e.getMessage());
    }

    @Test
    void trainAndTestShapeMismatchIsRejected() {
        writeLayout(dir, 2, 2, 2, 2, false);
        writeFile(dir, TEST_IMAGES, ubyte(2, 3, 3), false);

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertEquals(dir.resolve(TEST_IMAGES) + " holds 1x3x3 images but " + dir.resolve(TRAIN_IMAGES)
                + " holds 1x2x2: use train and test files from the same data set", e.getMessage());
    }

    @Test
    void missingFileNamesBothPlacesLookedIn() throws IOException {
        writeLayout(dir, 2, 2, 2, 2, true);
        Files.delete(dir.resolve(TEST_LABELS + ".gz"));

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertEquals(dir + ": missing " + TEST_LABELS + ": looked for " + dir.resolve(TEST_LABELS + ".gz")
                + " and " + dir.resolve(TEST_LABELS), e.getMessage());
    }

    @Test
    void malformedFileInDirectoryIsNamedByPath() {
        writeLayout(dir, 2, 2, 2, 2, false);
        Path bad = IdxFiles.write(dir.resolve(TRAIN_LABELS), new byte[] {'P', 'K', 3, 4, 0, 0});

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(dir));

        assertTrue(e.getMessage().startsWith(bad + ": not an IDX file (bad magic"), e.getMessage());
    }

    @Test
    void missingDirectoryIsReportedWithItsPath() {
        Path absent = dir.resolve("absent");

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadDirectory(absent));

        assertTrue(e.getMessage().startsWith(absent + " does not exist: pass a directory holding "
                + TRAIN_IMAGES), e.getMessage());
    }

    @Test
    void unknownSpecThatIsNotADirectoryListsTheChoices() {
        String spec = dir.resolve("cifar-11").toString();

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.load(spec));

        assertEquals("unknown dataset '" + spec + "': not mnist or fashion-mnist, and no directory " + spec
                + " exists: pass mnist, fashion-mnist or a directory holding the four IDX files", e.getMessage());
    }

    @Test
    void specNamingAFileRatherThanADirectoryIsRejected() {
        Path file = IdxFiles.write(dir.resolve("data.idx"), ubyte(2));

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.load(file.toString()));

        assertTrue(e.getMessage().startsWith(file + " is not a directory"), e.getMessage());
    }

    @Test
    void blankSpecIsRejected() {
        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.load(" "));

        assertTrue(e.getMessage().startsWith("no dataset given"), e.getMessage());
    }

    @Test
    void missingFashionMnistSaysHowToInstallIt() {
        Path absent = dir.resolve("fashion-mnist");

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadFashionMnist(absent));

        assertEquals("fashion-mnist not found in " + absent + ": install it with"
                + " 'apt-get install -y dataset-fashion-mnist' or use a directory holding the four IDX files", e.getMessage());
    }

    @Test
    void incompleteFashionMnistNamesTheMissingFile() throws IOException {
        writeLayout(dir, 2, 2, 2, 2, true);
        Files.delete(dir.resolve(TRAIN_LABELS + ".gz"));

        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.loadFashionMnist(dir));

        assertTrue(e.getMessage().startsWith("fashion-mnist not found in " + dir + " (missing " + TRAIN_LABELS
                + ".gz): install it with"), e.getMessage());
    }

    @Test
    void mnistTestLabelsResourceHasTenThousandEntries() {
        IdxArray labelArray = DatasetCatalog.readMnistResource(TEST_LABELS);

        assertArrayEquals(new int[] {10000}, labelArray.dims());
        // The first test digit of the original distribution is a 7.
        assertEquals(7, labelArray.unsigned(0));
    }
}
