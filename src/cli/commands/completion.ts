/**
 * `starmap completion bash|zsh|fish`.
 *
 * @module
 */
import { Argument, Command } from "@commander-js/extra-typings";
import type { Context } from "../context.ts";

/** The `completion` command; `root` is the program whose tree is completed. */
export function completionCommand(ctx: Context, root: () => Command): Command {
  return new Command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh", "fish"] as const))
    .action(async (shell) => {
      const { completionScript } = await import("../completion.ts");
      ctx.io.out(completionScript(root() as never, shell));
    }) as unknown as Command;
}
