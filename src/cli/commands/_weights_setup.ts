/**
 * What every `weights` subcommand shares when it runs: the manager built from flags > environment > config >
 * defaults, the output format and confirmations (the shared flags are defined in _weights.ts).
 *
 * @module
 */
import { WeightsManager, type WeightsManagerOptions } from "../../weights/mod.ts";
import { resolveSection, WEIGHTS_SETTINGS } from "../../settings/mod.ts";
import { registryEndpoint } from "../../weights/mod.ts";
import type { Context } from "../_context.ts";
import type { OutputFormat } from "../render/mod.ts";
import { globalFlags, type Settings } from "../_settings.ts";
import { weightsConfig, weightsLocation } from "./_weights_location.ts";

/** The flags every `weights` subcommand accepts. */
export interface WeightsFlags {
  /** `--json`: output JSON (same as -o json). */
  json?: true;
  /** `--registry`: registry base URL (or STARMAP_REGISTRY_URL, weights.registry). */
  registry?: string;
  /** `--models-dir`: models directory (or STARMAP_MODELS_DIR, weights.dataDir). */
  modelsDir?: string;
  /** `--concurrency`: parallel chunk downloads, 1 to 16 (default 4). */
  concurrency?: number;
  /** `--token`: registry token (or STARMAP_REGISTRY_TOKEN), sent as `Authorization: Bearer`. */
  token?: string;
}

/** A resolved `weights` invocation: settings, the output format and the manager. */
export interface WeightsRun {
  /** The global settings. */
  settings: Settings;
  /** The output format (`--json` wins). */
  format: OutputFormat;
  /** Whether a human-oriented format is used. */
  human: boolean;
  /** The manager. */
  manager: WeightsManager;
}

/**
 * Resolves flags > environment > config > defaults and builds the run's one manager; `extra` adds manager options,
 * or makes them from the resolved run (a progress display needs the output settings before the manager exists).
 */
export async function weightsRun(
  ctx: Context,
  cmd: { optsWithGlobals(): unknown },
  extra:
    | Partial<WeightsManagerOptions>
    | ((run: Omit<WeightsRun, "manager">) => Partial<WeightsManagerOptions>) = {},
): Promise<WeightsRun> {
  const flags = cmd.optsWithGlobals() as WeightsFlags;
  const settings = await ctx.settings(globalFlags(cmd));
  const home = ctx.io.env("HOME") ?? ctx.io.env("USERPROFILE");
  const located = new Set(["STARMAP_REGISTRY_URL", "STARMAP_MODELS_DIR"]);
  const { values } = resolveSection(WEIGHTS_SETTINGS, {
    flags: {
      registry: weightsLocation(flags.registry, undefined, home),
      dataDir: weightsLocation(flags.modelsDir, undefined, home),
      concurrency: flags.concurrency,
      token: flags.token,
    },
    env: (name) => located.has(name) ? weightsLocation(ctx.io.env(name), undefined, home) : ctx.io.env(name),
    config: weightsConfig(settings.config, settings.configFile, home),
  });
  const { concurrency, dataDir, registry: registryUrl, token: registryToken } = values;
  if (registryUrl !== undefined) registryEndpoint(registryUrl);
  const format = flags.json ? "json" : settings.render.format;
  const human = format !== "json" && format !== "yaml";
  const added = typeof extra === "function" ? extra({ settings, format, human }) : extra;
  const manager = new WeightsManager({
    registryUrl,
    registryToken,
    dataDir,
    concurrency,
    reporter: {
      note: (m) => {
        if (settings.verbose) ctx.io.err(`note: ${m}\n`);
      },
      notice: (m) => {
        if (!settings.quiet) ctx.io.err(`${m}\n`);
      },
    },
    ...added,
  });
  return { settings, format, human, manager };
}
