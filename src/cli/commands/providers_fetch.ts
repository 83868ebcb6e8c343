/**
 * `starmap providers fetch <id> [--raw]`: what one provider's list-models API returns, translated into catalog
 * records or raw. The work is in `providers_fetch_actions.ts`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.ts";
import { positiveInt } from "../options.ts";

/** The `providers fetch` command. */
export function providersFetchCommand(ctx: Context): Command {
  return new Command("fetch")
    .description("show what one provider's list-models API returns (key from the provider's env variable)")
    .argument("<provider>", "provider id or alias")
    .option("--raw", "print the API's JSON pages as received")
    .option("--base-url <url>", "API base URL (default: STARMAP_<ID>_BASE_URL, config, catalog)")
    .option("--api-key-env <name>", "environment variable holding the key (default: the provider's)")
    .option("--timeout <ms>", "per-request timeout in milliseconds", positiveInt)
    .action(async (id, flags, cmd) =>
      (await import("./providers_fetch_actions.ts")).fetchProvider(ctx, id, flags, cmd)
    ) as unknown as Command;
}
