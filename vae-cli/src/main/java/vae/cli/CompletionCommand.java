package vae.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vae completion bash|zsh}: a shell completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh (picocli's AutoComplete; zsh runs it through "
                + "bashcompinit). Install it with: source <(vae completion bash), or for every shell: "
                + "vae completion bash > ~/.local/share/bash-completion/completions/vae"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UserError("completion scripts are made for bash and zsh, not '" + shell + "'");
        }
        String script = AutoComplete.bash("vae", spec.root().commandLine());
        PrintWriter out = spec.commandLine().getOut();
        if (shell.equals("zsh")) {
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return 0;
    }
}
