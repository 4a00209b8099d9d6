package vae.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vae.core.spi.Hyperparameter;
import vae.core.spi.VariantProvider;

/** {@code vae variants}: every variant on the module path, with its hyperparameters. */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "List the VAE variants found on the module path, with their hyperparameters (-P key=value).")
final class VariantsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (VariantProvider p : VariantRegistry.load().all()) {
            out.printf("%s  (%s)%n    %s%n", p.name(), VariantRegistry.origin(p), p.description());
            if (p.hyperparameters().isEmpty()) {
                out.println("    no hyperparameters");
            }
            for (Hyperparameter h : p.hyperparameters()) {
                out.printf("    -P %-14s default %-8s %s; %s%n", h.name(), h.defaultValue(), h.description(),
                        h.validValues());
            }
        }
        out.flush();
        return 0;
    }
}
