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

/** {@code vae interpolate}: the decoded straight line between two test images' latent means. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode two test images, decode evenly spaced points of the straight line between their latent "
                + "means, and write one PNG row: the first image, the decoded points (both ends included), the second image.")
final class InterpolateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "--from", paramLabel = "INDEX", required = true, description = "Index of the first test image.")
    int from;

    @Option(names = "--to", paramLabel = "INDEX", required = true, description = "Index of the second test image.")
    int to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Points on the line, ends included; default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "interp.png", description = "The PNG to write; default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException {
        model.checkOutput(output);
        if (steps < 2 || steps > 1024) {
            throw new UserError("--steps must be in 2..1024, got " + steps);
        }
        TrainedModel m = model.load();
        Dataset test = m.testSet(data.dataset);
        for (int index : new int[] {from, to}) {
            if (index < 0 || index >= test.size()) {
                throw new UserError("test image " + index + " does not exist: the test set has " + test.size()
                        + " images (0.." + (test.size() - 1) + ")");
            }
        }
        ModelInference inference = m.inference();
        int k = m.variant().latentDim();
        float[] a = inference.encodeMeans(test, from, 1);
        float[] b = inference.encodeMeans(test, to, 1);
        float[] z = new float[steps * k];
        for (int s = 0; s < steps; s++) {
            float t = (float) s / (steps - 1);
            for (int j = 0; j < k; j++) {
                z[s * k + j] = (1 - t) * a[j] + t * b[j];
            }
        }
        int d = test.dimension();
        float[] images = new float[(steps + 2) * d];
        test.copyRange(from, 1, images);
        System.arraycopy(inference.decodeMeans(z, steps), 0, images, d, steps * d);
        float[] last = new float[d];
        test.copyRange(to, 1, last);
        System.arraycopy(last, 0, images, (steps + 1) * d, d);
        ImageGrid.of(images, steps + 2, test.shape(), steps + 2).writePng(output);
        spec.commandLine().getOut().printf("%s%nwrote %s: test image %d, %d points from its latent mean to that of "
                + "test image %d, then test image %d%n", m.describe(), output, from, steps, to, to);
        return 0;
    }
}
