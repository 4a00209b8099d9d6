package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.api.Pictures;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/** {@code vae interpolate}: the decoded straight line between two test images' latent means. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode two test images, decode evenly spaced points of the straight line between their latent "
                + "means, and write one PNG row: the first image, the decoded points (both ends included), the second image.")
final class InterpolateCommand extends DataCommand {

    @Option(names = "--from", paramLabel = "INDEX", required = true, description = "Index of the first test image.")
    int from;

    @Option(names = "--to", paramLabel = "INDEX", required = true, description = "Index of the second test image.")
    int to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Points on the line, ends included; default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "interp.png", description = "The PNG to write (- for standard output); default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    boolean drawsImages() {
        return true;
    }

    @Override
    Path output() {
        return output;
    }

    @Override
    void validate() {
        if (steps < 2 || steps > 1024) {
            throw new UserError("--steps must be in 2..1024, got " + steps);
        }
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        Dataset test = testSet(m, dataset);
        for (int index : new int[] {from, to}) {
            if (index < 0 || index >= test.size()) {
                throw new UserError("test image " + index + " does not exist: the test set has " + test.size()
                        + " images (0.." + (test.size() - 1) + ")");
            }
        }
        float[] images = Pictures.interpolation(m, test, from, to, steps);
        Pictures.writeGrid(images, steps + 2, test.shape(), steps + 2, target());
        out.printf("%s%nwrote %s: test image %d, %d points from its latent mean to that of "
                + "test image %d, then test image %d%n", m.describe(), output, from, steps, to, to);
    }
}
