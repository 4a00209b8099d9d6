package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.api.Pictures;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/** {@code vae traverse}: one latent dimension swept while the others stay at a base image's mean. */
@Command(name = "traverse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode a base test image, then set one latent dimension to evenly spaced values in "
                + "[-range, range] (the others stay at the base image's mean) and decode each. With --index, one row "
                + "for that dimension; without, one row per dimension. The base image starts each row.")
final class TraverseCommand extends DataCommand {

    @Option(names = "--index", paramLabel = "DIM", description = "The latent dimension to vary; default: every one, a row each.")
    Integer index;

    @Option(names = "--range", paramLabel = "R", defaultValue = "3", description = "Values run from -R to R (prior standard deviations); default: ${DEFAULT-VALUE}.")
    double range;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "9", description = "Values per row; default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--base", paramLabel = "INDEX", defaultValue = "0", description = "The test image whose latent mean is the base; default: ${DEFAULT-VALUE}.")
    int base;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "traverse.png", description = "The PNG to write (- for standard output); default: ${DEFAULT-VALUE}.")
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
        if (!(range > 0) || range > 1000) {
            throw new UserError("--range must be a positive number of prior standard deviations up to 1000, got " + range);
        }
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        int k = m.encoderLatentDim(); // a hierarchical prior's noise columns change nothing the decoder reads
        if (index != null && (index < 0 || index >= k)) {
            throw new UserError("--index " + index + " is not a latent dimension: the model has " + k + " (0.." + (k - 1) + ")");
        }
        Dataset test = testSet(m, dataset);
        if (base < 0 || base >= test.size()) {
            throw new UserError("--base " + base + " is not a test image: the test set has " + test.size() + " images");
        }
        float[] mu = m.encode(test, base, 1).mean()[0];
        int first = index == null ? 0 : index;
        int rows = index == null ? k : 1;
        int d = test.dimension();
        int perRow = steps + 1;
        float[] images = new float[rows * perRow * d];
        float[][] z = new float[steps][];
        float[] baseImage = new float[d];
        test.copyRange(base, 1, baseImage);
        int[] labels = null;
        if (m.conditionClasses() > 0) { // a conditional model decodes in the base image's class
            labels = new int[steps];
            java.util.Arrays.fill(labels, test.label(base));
        }
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                z[s] = mu.clone();
                z[s][first + r] = (float) (-range + 2 * range * s / (steps - 1));
            }
            System.arraycopy(baseImage, 0, images, r * perRow * d, d);
            float[][] decoded = m.decode(z, labels);
            for (int s = 0; s < steps; s++) {
                System.arraycopy(decoded[s], 0, images, (r * perRow + 1 + s) * d, d);
            }
        }
        Pictures.writeGrid(images, rows * perRow, test.shape(), perRow, target());
        out.printf("%s%nwrote %s: %s, values %s..%s in %d steps around test image %d (first column)%n",
                m.describe(), output, index == null ? "one row per latent dimension (" + k + ")" : "latent dimension " + index,
                -range, range, steps, base);
    }
}
