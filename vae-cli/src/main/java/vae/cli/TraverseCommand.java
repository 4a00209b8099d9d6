package vae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.data.Dataset;
import vae.core.image.ImageGrid;

/** {@code vae traverse}: one latent dimension swept while the others stay at a base image's mean. */
@Command(name = "traverse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode a base test image, then set one latent dimension to evenly spaced values in "
                + "[-range, range] (the others stay at the base image's mean) and decode each. With --index, one row "
                + "for that dimension; without, one row per dimension. The base image starts each row.")
final class TraverseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "--index", paramLabel = "DIM", description = "The latent dimension to vary; default: every one, a row each.")
    Integer index;

    @Option(names = "--range", paramLabel = "R", defaultValue = "3", description = "Values run from -R to R (prior standard deviations); default: ${DEFAULT-VALUE}.")
    double range;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "9", description = "Values per row; default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--base", paramLabel = "INDEX", defaultValue = "0", description = "The test image whose latent mean is the base; default: ${DEFAULT-VALUE}.")
    int base;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "traverse.png", description = "The PNG to write; default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException {
        model.checkOutput(output);
        if (steps < 2 || steps > 1024) {
            throw new UserError("--steps must be in 2..1024, got " + steps);
        }
        if (!(range > 0) || range > 1000) {
            throw new UserError("--range must be a positive number of prior standard deviations up to 1000, got " + range);
        }
        TrainedModel m = model.load();
        int k = m.variant().latentDim();
        if (index != null && (index < 0 || index >= k)) {
            throw new UserError("--index " + index + " is not a latent dimension: the model has " + k + " (0.." + (k - 1) + ")");
        }
        Dataset test = m.testSet(data.dataset);
        if (base < 0 || base >= test.size()) {
            throw new UserError("--base " + base + " is not a test image: the test set has " + test.size() + " images");
        }
        ModelInference inference = m.inference();
        float[] mu = inference.encodeMeans(test, base, 1);
        int first = index == null ? 0 : index;
        int rows = index == null ? k : 1;
        int d = test.dimension();
        int perRow = steps + 1;
        float[] images = new float[rows * perRow * d];
        float[] z = new float[steps * k];
        float[] baseImage = new float[d];
        test.copyRange(base, 1, baseImage);
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                System.arraycopy(mu, 0, z, s * k, k);
                z[s * k + first + r] = (float) (-range + 2 * range * s / (steps - 1));
            }
            System.arraycopy(baseImage, 0, images, r * perRow * d, d);
            System.arraycopy(inference.decodeMeans(z, steps), 0, images, (r * perRow + 1) * d, steps * d);
        }
        ImageGrid.of(images, rows * perRow, test.shape(), perRow).writePng(output);
        spec.commandLine().getOut().printf("%s%nwrote %s: %s, values %s..%s in %d steps around test image %d (first column)%n",
                m.describe(), output, index == null ? "one row per latent dimension (" + k + ")" : "latent dimension " + index,
                -range, range, steps, base);
        return 0;
    }
}
