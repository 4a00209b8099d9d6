package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.api.Pictures;
import vae.api.TrainedVae;

/** {@code vae sample}: images decoded from z ~ p(z). */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode latents drawn from the prior z ~ p(z) and write the images (the mean of p(x|z)) "
                + "as a PNG grid. With the run's seed, the first 64 are the latents of the run's sample_<epoch>.png.")
final class SampleCommand extends ModelCommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "64", description = "How many samples; default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--per-row", paramLabel = "N", defaultValue = "8", description = "Images per grid row; default: ${DEFAULT-VALUE}.")
    int perRow;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the latents; default: the seed of the training run.")
    Long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "samples.png", description = "The PNG to write (- for standard output); default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    Path output() {
        return output;
    }

    @Override
    void validate() {
        if (count < 1 || count > 4096 || perRow < 1) {
            throw new UserError("-n must be in 1..4096 and --per-row at least 1, got " + count + " and " + perRow);
        }
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        if (!m.canSample()) {
            throw new UserError("variant '" + m.spec().variant() + "' cannot sample: it has no prior over its latents "
                    + "(it is not a generative model); use reconstruct, interpolate or traverse instead");
        }
        long s = seed == null ? m.metadata().run().seed() : seed;
        Pictures.writeSamples(m, count, perRow, s, target());
        out.printf("%s%nwrote %s: %d samples of z ~ p(z) (%s, seed %d), %d per row%n", m.describe(), output, count,
                m.spec().prior().name(), s, Math.min(perRow, count));
    }
}
