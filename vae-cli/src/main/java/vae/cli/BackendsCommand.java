package vae.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.backend.BackendProvider;
import vae.core.backend.Backends;

/** {@code vae backends}: the kernels found on the module path and whether they can run here. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends found on the module path; the first usable one is the default.")
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Thread count to describe; default: all cores.")
    Integer threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int n = ThreadOption.resolve(threads);
        for (BackendProvider p : Backends.providers()) {
            String reason = p.unavailableReason();
            out.printf("%-8s priority %d  %s%n", p.name(), p.priority(),
                    reason == null ? p.create(n).description() : "unavailable: " + reason);
        }
        out.flush();
        return 0;
    }
}
