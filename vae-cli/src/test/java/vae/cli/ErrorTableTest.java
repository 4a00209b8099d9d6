package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vae.core.checkpoint.NamedTensor;
import vae.core.checkpoint.SafetensorsContent;
import vae.core.checkpoint.SafetensorsReader;
import vae.core.checkpoint.SafetensorsWriter;

/**
 * Every row of the bad-input tables in {@code docs/errors.md} is a test: a row's command runs
 * here against the fixtures below (paths in it are relative to their directory) and must end
 * with the row's exit code and print its message ({@code …} stands for any text); a row whose
 * problem cannot be one command names the test class that covers it instead.
 */
class ErrorTableTest {
    private static final Path DOC = Path.of("..", "docs", "errors.md");
    /** Every fixture the table's commands may name, relative to {@link #dir}. */
    private static final List<String> FIXTURES = List.of("runs", "damaged", "lone", "crossed", "stale", "full",
            "beta.json", "range.json", "fashion", "truncated", "a-file", "innocent.csv", "table.csv", "ragged.csv",
            "unseen.csv", "empty", "broken", "large", "damaged-run");
    private static final List<String> SMALL = List.of("--train-limit", "64", "--test-limit", "32",
            "-P", "hidden=8", "-P", "latent=2", "--batch-size", "32", "--threads", "1");

    private static Path dir;
    private static boolean fullDisk;

    /** One row of a table: its section, problem, command cell, exit code and message. */
    record Row(String section, String problem, String command, int exit, String message) {
        @Override
        public String toString() {
            return section + ": " + problem;
        }
    }

    @BeforeAll
    static void makeFixtures() throws IOException {
        dir = Files.createTempDirectory("vae-errors");
        train("runs/vae", "--seed", "1");
        train("runs/other", "--seed", "2");
        train("runs/two", "--seed", "3");
        Path two = dir.resolve("runs/two");
        Path stale = Files.createDirectories(dir.resolve("stale"));
        Files.copy(two.resolve("model.optimizer.safetensors"), stale.resolve("model.optimizer.safetensors"));
        CliRun more = CliRun.of(with("train", "--resume", two.resolve("model.safetensors").toString(), "--epochs", "2"));
        assertEquals(0, more.exitCode(), more.err());
        Files.copy(two.resolve("model.safetensors"), stale.resolve("model.safetensors"));

        Path model = dir.resolve("runs/vae/model.safetensors");
        Path lone = Files.createDirectories(dir.resolve("lone"));
        Files.copy(model, lone.resolve("model.safetensors"));
        Path crossed = Files.createDirectories(dir.resolve("crossed"));
        Files.copy(model, crossed.resolve("model.safetensors"));
        Files.copy(dir.resolve("runs/other/model.optimizer.safetensors"), crossed.resolve("model.optimizer.safetensors"));

        Files.createDirectories(dir.resolve("damaged"));
        damage(model, "format-x", "format", "x");
        damage(model, "version-3", "format_version", "3");
        damage(model, "optimizer-entry", "optimizer", "{not json");
        damage(model, "unknown-objective", "objective", "{\"name\":\"x\",\"hyperparameters\":{}}");
        damage(model, "huge", "architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"65536\",\"latent\":\"4096\"}}");
        damage(model, "hidden-4", "architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"4\",\"latent\":\"2\"}}");

        Path damagedRun = Files.createDirectories(dir.resolve("damaged-run"));
        Files.copy(dir.resolve("damaged/format-x.safetensors"), damagedRun.resolve("model.safetensors"));

        Files.writeString(dir.resolve("beta.json"), "{\"width\": 3}");
        Files.writeString(dir.resolve("range.json"), "{\"k\": 0}");
        MainTest.writeIdxDataset(dir.resolve("fashion"), 8, 8, 32);
        MainTest.writeIdxDataset(dir.resolve("truncated"), 8, 8, 28);
        Path images = dir.resolve("truncated/train-images-idx3-ubyte");
        Files.write(images, Arrays.copyOf(Files.readAllBytes(images), 1000));
        Files.writeString(dir.resolve("a-file"), "not a directory");
        Files.createSymbolicLink(dir.resolve("innocent.csv"), model);
        fullDisk = mountTinyDisk(Files.createDirectories(dir.resolve("full")));

        StringBuilder table = new StringBuilder("x1,x2,colour,status\n");
        for (int i = 0; i < 60; i++) {
            table.append(i % 7 == 3 ? "" : Integer.toString(i % 10)).append(',').append(i * 0.5).append(',')
                    .append(i % 3 == 0 ? "red" : "blue").append(',').append(i % 5 == 0 ? "odd" : "ok").append('\n');
        }
        Files.writeString(dir.resolve("table.csv"), table);
        Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n3\n4,5\n");
        Files.createDirectories(dir.resolve("empty"));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("a.png"), "not a picture");
        for (String name : List.of("b.png", "c.png")) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", broken.resolve(name).toFile());
        }
        Path large = Files.createDirectories(dir.resolve("large"));
        for (String name : List.of("a.png", "b.png", "c.png")) { // a few kilobytes each, 12,000,000 values as 3x2000x2000
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2000, 2000,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", large.resolve(name).toFile());
        }
        Files.writeString(dir.resolve("unseen.csv"), "x1,x2,colour,status\n1,2,purple,ok\n");
        CliRun t = CliRun.of("train", "--dataset", dir.resolve("table.csv").toString(), "--label-column", "status",
                "--epochs", "1", "-P", "hidden=8", "-P", "latent=2", "--out", dir.resolve("runs/table").toString());
        assertEquals(0, t.exitCode(), t.err());
    }

    /** A 64 KiB file system at {@code at}, where the user may mount one (root, Linux); false where not. */
    private static boolean mountTinyDisk(Path at) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    static void removeFixtures() throws IOException, InterruptedException {
        if (fullDisk) {
            new ProcessBuilder("umount", dir.resolve("full").toString()).inheritIO().start().waitFor();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void train(String out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--epochs", "1", "--out", dir.resolve(out).toString()));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(with(args.toArray(String[]::new)));
        assertEquals(0, r.exitCode(), r.err());
    }

    private static String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(SMALL);
        return all.toArray(String[]::new);
    }

    /** A copy of {@code model} as {@code damaged/NAME.safetensors} with one metadata entry replaced. */
    private static void damage(Path model, String name, String key, String value) throws IOException {
        SafetensorsContent c = SafetensorsReader.read(model);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put(key, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, meta, List.<NamedTensor>copyOf(c.tensors().values()));
        Files.write(dir.resolve("damaged").resolve(name + ".safetensors"), out.toByteArray());
    }

    /** The rows of every table with a command column. */
    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String section = "";
        List<String> header = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                section = line.substring(3);
                header = null;
            } else if (!line.startsWith("|")) {
                header = null;
            } else if (header == null) {
                header = cells(line);
            } else if (header.contains("command") && !line.startsWith("|---")) {
                List<String> c = cells(line);
                assertEquals(header.size(), c.size(), "cells in: " + line);
                rows.add(new Row(section, c.get(header.indexOf("problem")), c.get(header.indexOf("command")),
                        Integer.parseInt(c.get(header.indexOf("exit"))), unquote(c.get(header.indexOf("message")))));
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        return Arrays.stream(inner.split(" \\| ")).map(String::strip).toList();
    }

    private static String unquote(String cell) {
        int open = cell.indexOf('`');
        int close = cell.lastIndexOf('`');
        return open >= 0 && close > open ? cell.substring(open + 1, close) : cell;
    }

    @Test
    void theTablesHaveRows() throws IOException {
        assertTrue(rows().size() >= 40, "rows: " + rows().size());
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheErrorTables() throws IOException {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
    }

    private static void check(Row row) throws IOException {
        String command = unquote(row.command());
        if (!command.startsWith("vae ")) {
            // A problem one command cannot set up: the cell names the test class that covers it.
            assertTrue(command.startsWith("see "), "a command or 'see TestClass': " + row.command());
            String test = command.substring(4);
            Path source = Path.of("src/test/java/vae/cli", test + ".java");
            Path core = Path.of("../vae-core/src/test/java").resolve(test.replace('.', '/') + ".java");
            assertTrue(Files.exists(source) || Files.exists(core), "no test class " + test);
            return;
        }
        if (command.contains("--out full")) {
            assumeTrue(fullDisk, "no small file system can be mounted here (needs root)");
        }
        if (command.contains("k=1024") || command.contains("hidden=65536")) {
            assumeTrue(Runtime.getRuntime().maxMemory() < (13L << 30), "a heap large enough for it");
        }
        String[] args = Arrays.stream(command.substring(4).split(" ")).map(ErrorTableTest::resolve)
                .toArray(String[]::new);
        CliRun r = CliRun.of(args);
        String err = r.err().replace(dir.toString() + "/", "").strip();
        assertEquals(row.exit(), r.exitCode(), row + "\nstdout: " + r.out() + "\nstderr: " + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("vae: "), err);
        int at = 0;
        for (String piece : row.message().split("…")) {
            int found = err.indexOf(piece.strip(), at);
            assertTrue(found >= 0, "'" + piece.strip() + "' (in order) in:\n" + err);
            at = found + piece.strip().length();
        }
    }

    /** A path that starts with a fixture's name, made absolute in the fixtures' directory. */
    private static String resolve(String arg) {
        String first = arg.split("/")[0];
        return FIXTURES.contains(first) ? dir.resolve(arg).toString() : arg;
    }
}
