package vae.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vae.core.spi.Hyperparameter;
import vae.core.spi.VariantProvider;

/** {@code vae variants}: every variant on the module path, with its hyperparameters. */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "List the VAE variants found on the module path: name, module, description, and each "
                + "hyperparameter (-P key=value or --config FILE.json) with its type, default, meaning and valid values.")
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
                out.printf("    -P %-10s %-8s default %-8s %s; %s%n", h.name(),
                        h.type().name().toLowerCase(Locale.ROOT), h.defaultValue(), h.description(), h.validValues());
            }
        }
        out.flush();
        return 0;
    }
}
