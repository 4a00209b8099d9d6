package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.api.Pictures;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/** {@code vae reconstruct}: test images above their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode test images, decode their latent means (z = mu) and write a PNG: the images in the top "
                + "row, their reconstructions (the mean of p(x|z)) below.")
final class ReconstructCommand extends DataCommand {

    @Option(names = "-n", paramLabel = "N", defaultValue = "16", description = "How many test images; default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--first", paramLabel = "INDEX", defaultValue = "0", description = "Index of the first test image; default: ${DEFAULT-VALUE}.")
    int first;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "recon.png", description = "The PNG to write (- for standard output); default: ${DEFAULT-VALUE}.")
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
        if (count < 1 || count > 1024) {
            throw new UserError("-n must be in 1..1024, got " + count);
        }
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        Dataset test = testSet(m, dataset);
        if (first < 0 || first > test.size() - count) {
            throw new UserError("--first " + first + " -n " + count + " runs past the " + test.size() + " test images");
        }
        Pictures.writeReconstructions(m, test, first, count, target());
        out.printf("%s%nwrote %s: test images %d..%d (top) and their reconstructions (bottom)%n",
                m.describe(), output, first, first + count - 1);
    }
}
