/**
 * `starmap cost <model>`: the cost of some usage (tokens and unit quantities) at a service rate and region, on
 * one provider or every provider of a bare id compared. The work is in `_cost_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { COST_SERVICES, MAX_TOKENS } from "../../limits.ts";
import type { Context } from "../_context.ts";
import { nonNegative, tokenCount } from "../_options.ts";

/** Parses a token count (`12000`, `12k`, `1.5M`) of at most a trillion. */
function tokens(value: string): number {
  const n = tokenCount(value);
  if (n > MAX_TOKENS) throw new InvalidArgumentError(`at most ${MAX_TOKENS} tokens, got "${value}"`);
  return n;
}

/** Parses a whole count of requests, images, characters, searches, pages or queries (`3`, `10k`). */
function count(value: string): number {
  const unit = /^\d+(\.\d+)?\s*([kmb]?)$/i.exec(value.trim());
  // A fraction is whole only with a suffix (`1.5k`); `2.5` images would otherwise be rounded silently.
  if (!unit || (unit[1] && !unit[2])) {
    throw new InvalidArgumentError(`expected a whole number like 3, 10k or 1.5M, got "${value}"`);
  }
  const n = tokenCount(value);
  if (n > MAX_TOKENS) throw new InvalidArgumentError(`at most ${MAX_TOKENS}, got "${value}"`);
  return n;
}

/** Parses seconds of audio or video (`12.5`). */
function seconds(value: string): number {
  const n = nonNegative(value);
  if (n > MAX_TOKENS) throw new InvalidArgumentError(`at most ${MAX_TOKENS} seconds, got "${value}"`);
  return n;
}

/** The `cost` command. */
export function costCommand(ctx: Context): CommandUnknownOpts {
  return new Command("cost")
    .description(
      "the cost of usage (tokens, requests, images, seconds, searches…) on a model; a bare id compares every " +
        "provider, cheapest first",
    )
    .argument("<model>", "provider/model or model id")
    .option("--input <n>", "uncached input (prompt) tokens: 12000, 12k, 1.5M", tokens)
    .option("--output-tokens <n>", "output tokens, without reasoning tokens (was --output)", tokens)
    .option("--cached <n>", "input tokens read from the prompt cache", tokens)
    .option("--cache-write <n>", "input tokens written to the prompt cache", tokens)
    .option("--reasoning <n>", "reasoning tokens not counted in --output-tokens", tokens)
    .option("--input-audio <n>", "audio input tokens", tokens)
    .option("--output-audio <n>", "audio output tokens", tokens)
    .option("--requests <n>", "requests (priced per request)", count)
    .option("--images-in <n>", "input images (priced per image)", count)
    .option("--images-out <n>", "generated images (priced per image)", count)
    .option("--audio-seconds-in <s>", "seconds of input audio", seconds)
    .option("--audio-seconds-out <s>", "seconds of generated audio", seconds)
    .option("--video-seconds-in <s>", "seconds of input video", seconds)
    .option("--video-seconds-out <s>", "seconds of generated video", seconds)
    .option("--characters-in <n>", "input characters (priced per character)", count)
    .option("--characters-out <n>", "output characters (priced per character)", count)
    .option("--web-searches <n>", "web searches (priced per 1K searches)", count)
    .option("--pages <n>", "document pages (priced per page)", count)
    .option("--annotated-pages <n>", "document pages annotated (priced per page)", count)
    .option("--queries <n>", "rerank or search queries (priced per query)", count)
    .option("--pixels-in <n>", "input image pixels (priced per 1M pixels): 1M, 2.1M", count)
    .option("--pixels-out <n>", "generated image pixels (priced per 1M pixels)", count)
    .addOption(
      new Option("--service <rate>", "the service rate, with its own prices (default: standard)").choices(
        COST_SERVICES,
      ),
    )
    .option("--region <name>", "the processing region; applies the offering's price multiplier for it")
    .option("-p, --provider <id>", "the provider, when the id is served by several")
    .option("--pricing-file <file>", "YAML price overrides by provider/model (or STARMAP_PRICING_FILE)")
    .action(async (ref, flags, cmd) =>
      (await import("./_cost_actions.ts")).calculateCost(ctx, ref, flags, cmd)
    );
}
