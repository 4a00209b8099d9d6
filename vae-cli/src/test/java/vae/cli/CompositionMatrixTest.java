package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in objective with every built-in architecture and the two likelihood families, from
 * the command line: one short epoch each gives a finite test loss and a checkpoint that the
 * inference commands load back. Combinations that cannot work are refused in one line.
 */
class CompositionMatrixTest {
    private static final Pattern TEST_LOSS = Pattern.compile("epoch 1/1  train (\\S+)  test (\\S+)");

    @TempDir
    Path tmp;

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String objective : List.of("vae", "beta-vae", "info-vae", "iwae", "ae")) {
            for (String arch : List.of("mlp", "conv")) {
                for (String likelihood : List.of("bernoulli", "gaussian")) {
                    all.add(Arguments.of(objective, arch, likelihood));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + {1} + {2}")
    @MethodSource("combinations")
    void everyObjectiveTrainsWithEveryArchitectureAndLikelihood(String objective, String arch, String likelihood) {
        Path out = tmp.resolve(objective + "-" + arch + "-" + likelihood);
        List<String> args = new ArrayList<>(List.of("train", "--variant", objective, "--arch", arch, "--likelihood",
                likelihood, "--epochs", "1", "--train-limit", "96", "--test-limit", "32", "--batch-size", "32",
                "--threads", "1", "--backend", "scalar", "-P", "latent=3", "--out", out.toString()));
        args.addAll(arch.equals("mlp") ? List.of("-P", "hidden=16") : List.of("-P", "channels1=2", "-P", "channels2=4"));
        CliRun train = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, train.exitCode(), train.out() + train.err());
        assertTrue(train.out().contains("objective " + objective) && train.out().contains("arch " + arch)
                && train.out().contains("likelihood " + likelihood), train.out());
        Matcher m = TEST_LOSS.matcher(train.out());
        assertTrue(m.find(), train.out());
        assertTrue(Double.isFinite(Double.parseDouble(m.group(1))) && Double.isFinite(Double.parseDouble(m.group(2))),
                train.out());
        Path model = out.resolve("model.safetensors");
        assertTrue(Files.exists(model));

        CliRun eval = CliRun.of("evaluate", model.toString(), "--limit", "8", "-k", "2", "--threads", "1",
                "--backend", "scalar");
        assertEquals(0, eval.exitCode(), eval.out() + eval.err());
        assertTrue(eval.out().contains("arch " + arch), eval.out());
    }

    @Test
    void anAutoencoderHasNoPriorAndSaysSo() {
        assertOneLineError(CliRun.of("train", "--variant", "ae", "--prior", "standard-normal", "--epochs", "1",
                "--out", tmp.resolve("ae").toString()), "objective 'ae' has a deterministic encoder and so no prior",
                "drop the prior 'standard-normal'");
    }

    @Test
    void aPresetKeepsItsArchitecture() {
        assertOneLineError(CliRun.of("train", "--variant", "conv-vae", "--arch", "mlp", "--epochs", "1",
                "--out", tmp.resolve("p").toString()), "variant 'conv-vae' is objective",
                "choose variant 'beta-vae' with architecture 'mlp' instead");
    }

    @Test
    void aKeyTwoPartsShareMustNameItsAxis() {
        assertOneLineError(CliRun.of("train", "--variant", "info-vae", "--arch", "conv", "-P", "kernel=3",
                "--epochs", "1", "--out", tmp.resolve("k").toString()), "'kernel' is a hyperparameter of both",
                "objective.kernel or arch.kernel");
        assertOneLineError(CliRun.of("train", "--variant", "vae", "-P", "arch.beta=2", "--epochs", "1",
                "--out", tmp.resolve("b").toString()), "architecture 'mlp' has no hyperparameter 'beta'");
        assertOneLineError(CliRun.of("train", "--variant", "vae", "--arch", "transformer", "--epochs", "1",
                "--out", tmp.resolve("t").toString()), "unknown architecture 'transformer'", "mlp", "conv");
    }

    @Test
    void listingsShowEachAxis() {
        CliRun archs = CliRun.of("archs");
        assertEquals(0, archs.exitCode(), archs.err());
        assertTrue(archs.out().contains("conv  (module vae.models)"), archs.out());
        assertTrue(archs.out().contains("-P hidden"), archs.out());
        CliRun priors = CliRun.of("priors");
        assertTrue(priors.out().contains("standard-normal  (module vae.models)"), priors.out());
        CliRun likelihoods = CliRun.of("likelihoods");
        assertTrue(likelihoods.out().contains("gaussian-unit-variance  (module vae.models)"), likelihoods.out());
        CliRun variants = CliRun.of("variants");
        assertTrue(variants.out().contains("conv-vae  (module vae.models)")
                && variants.out().contains("preset: objective beta-vae with architecture conv"), variants.out());
    }
}
