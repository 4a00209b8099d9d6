package vae.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vae.api.Registry;
import vae.core.spi.Component;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Preset;

/**
 * The listing commands, one per model axis: every component found on the module path, with its
 * module, description and hyperparameters ({@code -P key=value}).
 */
abstract class ComponentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Function<Registry, List<? extends Component>> axis;

    ComponentsCommand(Function<Registry, List<? extends Component>> axis) {
        this.axis = axis;
    }

    /** Lists the axis's components; a command may add more. */
    void list(Registry r, PrintWriter out) {
        print(out, axis.apply(r));
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        list(Registry.load(), out);
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, List<? extends Component> components) {
        for (Component c : components) {
            out.printf("%s  (%s)%n    %s%n", c.name(), Registry.origin(c), c.description());
            if (c.hyperparameters().isEmpty()) {
                out.println("    no hyperparameters");
            }
            // The name column is as wide as the longest name, and at least the usual 10.
            int width = Math.max(10, c.hyperparameters().stream().mapToInt(h -> h.name().length()).max().orElse(0));
            for (Hyperparameter<?> h : c.hyperparameters()) {
                String type = h.type() == Hyperparameter.Type.INTEGER_LIST ? "integers"
                        : h.type().name().toLowerCase(Locale.ROOT);
                String byDefault = h.defaultValue().isEmpty() ? "none" : h.defaultValue();
                out.printf("    -P %-" + width + "s %-8s default %-8s %s; %s%n", h.name(), type, byDefault,
                        h.description(), h.validValues());
            }
        }
    }

    /** {@code vae variants}: the objectives, and the presets that pair one with an architecture. */
    @Command(name = "variants", mixinStandardHelpOptions = true,
            description = "List what --variant names: the objectives found on the module path (each trains with any "
                    + "architecture, prior and likelihood) and the presets (an objective with an architecture and "
                    + "defaults), with each hyperparameter (-P key=value or --config FILE.json), its type, default, "
                    + "meaning and valid values.")
    static final class Variants extends ComponentsCommand {
        Variants() {
            super(Registry::objectives);
        }

        @Override
        void list(Registry r, PrintWriter out) {
            super.list(r, out);
            for (Preset p : r.presets()) {
                out.printf("%s  (%s)%n    %s%n    preset: objective %s with architecture %s%s%n", p.name(),
                        Registry.origin(p), p.description(), p.objective(), p.architecture(),
                        p.defaults().isEmpty() ? "" : ", " + String.join(", ", p.defaults().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
        }
    }

    /** {@code vae archs}: the encoder and decoder networks. */
    @Command(name = "archs", mixinStandardHelpOptions = true,
            description = "List the architectures (--arch): encoder and decoder networks, with their hyperparameters.")
    static final class Archs extends ComponentsCommand {
        Archs() {
            super(Registry::architectures);
        }
    }

    /** {@code vae priors}: the priors p(z). */
    @Command(name = "priors", mixinStandardHelpOptions = true,
            description = "List the priors p(z) (--prior), with their hyperparameters.")
    static final class Priors extends ComponentsCommand {
        Priors() {
            super(Registry::priors);
        }
    }

    /** {@code vae posteriors}: the flows on q(z|x). */
    @Command(name = "posteriors", mixinStandardHelpOptions = true,
            description = "List the flows on q(z|x) (--posterior), with their hyperparameters.")
    static final class Posteriors extends ComponentsCommand {
        Posteriors() {
            super(Registry::posteriors);
        }
    }

    /** {@code vae likelihoods}: the decoders' distributions p(x|z). */
    @Command(name = "likelihoods", mixinStandardHelpOptions = true,
            description = "List the likelihoods p(x|z) (--likelihood), with their hyperparameters.")
    static final class Likelihoods extends ComponentsCommand {
        Likelihoods() {
            super(Registry::likelihoods);
        }
    }
}
