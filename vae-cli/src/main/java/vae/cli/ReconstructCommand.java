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
import vae.core.random.CounterRng;

/** {@code vae reconstruct}: test images above their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode test images, decode their latent means (z = mu) and write a PNG: the images in the top "
                + "row, their reconstructions (the mean of p(x|z)) below.")
final class ReconstructCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "-n", paramLabel = "N", defaultValue = "16", description = "How many test images; default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--first", paramLabel = "INDEX", defaultValue = "0", description = "Index of the first test image; default: ${DEFAULT-VALUE}.")
    int first;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "recon.png", description = "The PNG to write; default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException {
        model.checkOutput(output);
        if (count < 1 || count > 1024) {
            throw new UserError("-n must be in 1..1024, got " + count);
        }
        TrainedModel m = model.load();
        Dataset test = m.testSet(data.dataset);
        if (first < 0 || first > test.size() - count) {
            throw new UserError("--first " + first + " -n " + count + " runs past the " + test.size() + " test images");
        }
        new EpochPictures(m.backend(), m.variant(), new CounterRng(m.metadata().seed()))
                .writeReconstruction(test, first, count, output);
        spec.commandLine().getOut().printf("%s%nwrote %s: test images %d..%d (top) and their reconstructions (bottom)%n",
                m.describe(), output, first, first + count - 1);
        return 0;
    }
}
