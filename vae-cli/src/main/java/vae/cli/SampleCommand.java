package vae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.random.CounterRng;

/** {@code vae sample}: images decoded from z ~ N(0, I). */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode latents drawn from the prior z ~ N(0, I) and write the images (the mean of p(x|z)) "
                + "as a PNG grid. With the run's seed, the first 64 are the latents of the run's sample_<epoch>.png.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "-n", paramLabel = "N", defaultValue = "64", description = "How many samples; default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--per-row", paramLabel = "N", defaultValue = "8", description = "Images per grid row; default: ${DEFAULT-VALUE}.")
    int perRow;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the latents; default: the seed of the training run.")
    Long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "samples.png", description = "The PNG to write; default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException {
        model.checkOutput(output);
        if (count < 1 || count > 4096 || perRow < 1) {
            throw new UserError("-n must be in 1..4096 and --per-row at least 1, got " + count + " and " + perRow);
        }
        TrainedModel m = model.load();
        if (!m.variant().canSampleFromPrior()) {
            throw new UserError("variant '" + m.metadata().variant() + "' cannot sample: it has no prior over its latents "
                    + "(it is not a generative model); use reconstruct, interpolate or traverse instead");
        }
        long s = seed == null ? m.metadata().seed() : seed;
        new EpochPictures(m.backend(), m.variant(), new CounterRng(s)).writeSamples(m.metadata().dataShape(), count, perRow, output);
        spec.commandLine().getOut().printf("%s%nwrote %s: %d samples of z ~ N(0, I) (seed %d), %d per row%n",
                m.describe(), output, count, s, Math.min(perRow, count));
        return 0;
    }
}
