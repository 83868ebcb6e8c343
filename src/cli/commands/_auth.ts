/**
 * `starmap auth status` (which provider APIs have a key; never the key) and `starmap auth verify [provider]`
 * (calls each keyed provider's list-models endpoint). The work is in `_auth_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { duration } from "../_options.ts";

function statusCommand(ctx: Context) {
  return new Command("status")
    .description("show which provider APIs have a key (the keys themselves are never shown)")
    .action(async (_flags, cmd) => (await import("./_auth_actions.ts")).authStatus(ctx, cmd));
}

function verifyCommand(ctx: Context) {
  return new Command("verify")
    .description("test the keys by calling each provider's list-models endpoint")
    .argument("[provider]", "only this provider")
    .option(
      "--timeout <duration>",
      "per-provider timeout: 90 (seconds), 500ms, 30s, 2m (default 30s)",
      duration,
    )
    .action(async (provider, flags, cmd) =>
      (await import("./_auth_actions.ts")).authVerify(ctx, provider, flags, cmd)
    );
}

/** The `auth` command group. */
export function authCommand(ctx: Context): CommandUnknownOpts {
  return new Command("auth")
    .description("provider API keys: which are set, and whether they work")
    .addCommand(statusCommand(ctx))
    .addCommand(verifyCommand(ctx));
}
