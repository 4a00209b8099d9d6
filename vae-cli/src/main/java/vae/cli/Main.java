package vae.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vae.core.checkpoint.CheckpointException;
import vae.core.data.DataException;
import vae.core.train.TrainingDivergedException;

/** The {@code vae} command: train and inspect variational autoencoders. */
@Command(name = "vae", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Variational autoencoders in pure Java (vae4j).")
public final class Main {
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, SampleCommand.class,
            ReconstructCommand.class, InterpolateCommand.class, TraverseCommand.class, EncodeCommand.class, ClassifyCommand.class,
            ScoreCommand.class, EvaluateCommand.class, ImputeCommand.class, ComponentsCommand.Variants.class,
            ComponentsCommand.Archs.class, ComponentsCommand.Priors.class, ComponentsCommand.Likelihoods.class,
            ComponentsCommand.Posteriors.class, BackendsCommand.class, ReportCommand.class, CompletionCommand.class);

    /** Exit code of problems the user can fix: bad options, unknown names, missing or corrupt data. */
    public static final int USAGE_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (what tests call). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("vae.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            String sub = ex.getCommandLine().getCommandName();
            err.println("vae: " + ex.getMessage() + " (see 'vae " + ("vae".equals(sub) ? "" : sub + " ") + "--help')");
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError || ex instanceof DataException || ex instanceof TrainingDivergedException
                    || ex instanceof CheckpointException || ex instanceof IllegalArgumentException) {
                err.println("vae: " + ex.getMessage());
                return USAGE_ERROR;
            }
            Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (io instanceof java.nio.file.FileSystemException fs) {
                String reason = fs instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
                err.println("vae: cannot write " + fs.getFile() + ": " + reason + "; choose another output location");
                return USAGE_ERROR;
            }
            if (io instanceof java.io.IOException) {
                err.println("vae: cannot write output: " + io.getMessage());
                return 1;
            }
            throw ex;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // The stack has unwound, so what the command allocated is garbage and the line can be printed.
            err.println("vae: out of memory: the Java heap (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB) is too small for this data set, model, batch or sample count; use smaller ones "
                    + "(-P hidden, -P latent, --batch-size, -k) or give the JVM more heap, e.g. VAE_JAVA_OPTS=-Xmx8g");
            return USAGE_ERROR;
        } finally {
            out.flush(); // what a command wrote with print (no line end) must reach the stream before exit
            err.flush();
        }
    }

    /**
     * The command line for {@code args}. picocli reads a command's options by reflection when the
     * command is added, which was a fifth of a short command's start-up for all fifteen: add only the
     * command named, or all of them when none is (help, version, a mistyped name) and for
     * {@code completion}, whose script covers them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String named = args.length > 0 ? args[0] : "";
        boolean one = !named.equals("completion") && COMMANDS.stream().anyMatch(c -> name(c).equals(named));
        for (Class<?> command : COMMANDS) {
            if (!one || name(command).equals(named)) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * The version of the vae.cli module, which the build records from the project's (or "dev" on the class
     * path). A named module's packages carry no manifest attributes, so the jar's manifest cannot say it.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            ModuleDescriptor module = Main.class.getModule().getDescriptor();
            String v = module == null ? "dev" : module.rawVersion().orElse("dev");
            return new String[] {"vae4j " + v + " on Java " + Runtime.version()};
        }
    }
}
