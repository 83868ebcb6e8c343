/**
 * `starmap completion bash|zsh|fish|powershell` (print a script), `starmap completion install|uninstall
 * [shell]` (for the current shell), and the hidden `__complete` that the scripts call.
 *
 * @module
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";

const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

function scriptCommand(ctx: Context, shell: typeof SHELLS[number], root: () => CommandUnknownOpts) {
  return new Command(shell)
    .description(`print the ${shell === "powershell" ? "PowerShell" : shell} completion script`)
    .action(async () => {
      const { completionScript } = await import("../completion/mod.ts");
      ctx.io.out(completionScript(shell, root().name()));
    });
}

function installCommand(ctx: Context, verb: "install" | "uninstall", root: () => CommandUnknownOpts) {
  return new Command(verb)
    .description(
      verb === "install"
        ? "install completion for the current shell ($SHELL) or the one named"
        : "remove what install added",
    )
    .addArgument(new Argument("[shell]", "bash, zsh, fish or powershell").choices(SHELLS))
    .action(async (shell, _flags, cmd) =>
      (await import("./_completion_actions.ts")).installCompletion(ctx, verb, shell, root().name(), cmd)
    );
}

/** The `completion` command group; `root` is the program whose tree is completed. */
export function completionCommand(ctx: Context, root: () => CommandUnknownOpts): CommandUnknownOpts {
  const group = new Command("completion").description(
    "shell completion of commands, flags and catalog ids (bash, zsh, fish, PowerShell)",
  );
  for (const shell of SHELLS) group.addCommand(scriptCommand(ctx, shell, root));
  return group.addCommand(installCommand(ctx, "install", root))
    .addCommand(installCommand(ctx, "uninstall", root));
}
