/**
 * `starmap providers fetch <id> [--raw]`: what one provider's list-models API returns, translated into catalog
 * records or raw. The work is in `_providers_fetch_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { duration } from "../_options.ts";

/** The `providers fetch` command. */
export function providersFetchCommand(ctx: Context): CommandUnknownOpts {
  return new Command("fetch")
    .description("show what one provider's list-models API returns (key from the provider's env variable)")
    .argument("<provider>", "provider id or alias")
    .option("--raw", "print the API's JSON pages as received")
    .option("--base-url <url>", "API base URL (default: STARMAP_<ID>_BASE_URL, config, catalog)")
    .option("--api-key-env <name>", "environment variable holding the key (default: the provider's)")
    .option(
      "--timeout <duration>",
      "per-request timeout: 90 (seconds), 500ms, 30s, 2m (default 30s)",
      duration,
    )
    .action(async (id, flags, cmd) =>
      (await import("./_providers_fetch_actions.ts")).fetchProvider(ctx, id, flags, cmd)
    );
}
