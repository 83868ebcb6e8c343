/**
 * `starmap cost <model>`: the cost of some token usage, one provider or every provider of a bare id compared.
 * The work is in `_cost_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts, InvalidArgumentError } from "@commander-js/extra-typings";
import { MAX_TOKENS } from "../../limits.ts";
import type { Context } from "../_context.ts";
import { tokenCount } from "../_options.ts";

/** Parses a token count (`12000`, `12k`, `1.5M`) of at most a trillion. */
function tokens(value: string): number {
  const n = tokenCount(value);
  if (n > MAX_TOKENS) throw new InvalidArgumentError(`at most ${MAX_TOKENS} tokens, got "${value}"`);
  return n;
}

/** The `cost` command. */
export function costCommand(ctx: Context): CommandUnknownOpts {
  return new Command("cost")
    .description("the cost of token usage on a model; a bare id compares every provider, cheapest first")
    .argument("<model>", "provider/model or model id")
    .option("--input <n>", "uncached input (prompt) tokens: 12000, 12k, 1.5M", tokens)
    .option("--output-tokens <n>", "output tokens, without reasoning tokens (was --output)", tokens)
    .option("--cached <n>", "input tokens read from the prompt cache", tokens)
    .option("--cache-write <n>", "input tokens written to the prompt cache", tokens)
    .option("--reasoning <n>", "reasoning tokens not counted in --output-tokens", tokens)
    .option("--input-audio <n>", "audio input tokens", tokens)
    .option("--output-audio <n>", "audio output tokens", tokens)
    .option("-p, --provider <id>", "the provider, when the id is served by several")
    .option("--pricing-file <file>", "YAML price overrides by provider/model (or STARMAP_PRICING_FILE)")
    .action(async (ref, flags, cmd) =>
      (await import("./_cost_actions.ts")).calculateCost(ctx, ref, flags, cmd)
    );
}
