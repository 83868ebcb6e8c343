/**
 * `starmap weights list|pull|remove|info|path|update|prune|pack`: a thin layer over `WeightsManager` and the
 * packer. Any CLI built on commander can attach this tree. These are the definitions; the work is in
 * `_weights_actions.ts`, loaded when a subcommand runs.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { DEFAULT_CHUNK_SIZE, MAX_CONCURRENCY } from "../../limits.ts";
import { byteSize, collectGlobs, positiveInt } from "../_options.ts";
import { duration } from "../_options.ts";

/** Adds the flags every `weights` subcommand shares. */
export function withWeightsFlags<
  C extends Command<unknown[], Record<string, unknown>, Record<string, unknown>>,
>(
  cmd: C,
): C {
  cmd
    .option("--json", "output JSON (same as -o json)")
    .option("--registry <url>", "registry base URL (or STARMAP_REGISTRY_URL, weights.registry)")
    .option(
      "--token <token>",
      "registry token, sent as a Bearer token to the registry only (or STARMAP_REGISTRY_TOKEN)",
    )
    .option("--models-dir <dir>", "models directory (or STARMAP_MODELS_DIR, weights.dataDir)")
    .option(
      "--concurrency <n>",
      `parallel chunk downloads, 1 to ${MAX_CONCURRENCY} (default 4)`,
      positiveInt,
    );
  return cmd;
}

function listCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("list").alias("ls").description("list installed models, or the registry's with --remote")
      .option("--remote", "list the registry's models and versions"),
  ).action(async (flags, cmd) => (await import("./_weights_actions.ts")).listWeights(ctx, flags, cmd));
}

function pullCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("pull").description("download, verify and install a model version")
      .argument("<model>", "group/model, or group/model:version")
      .argument("[version]", "version or alias (default: latest)")
      .option("-f, --force", "go to the registry even when installed, and install again")
      .option("--include <glob>", "pull only the files matching the glob (repeatable)", collectGlobs())
      .option("--exclude <glob>", "leave out the files matching the glob (repeatable)", collectGlobs()),
  ).action(async (ref, version, flags, cmd) =>
    (await import("./_weights_actions.ts")).pullWeights(ctx, ref, version, flags, cmd)
  );
}

function removeCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("remove").alias("rm").description("remove an installed version, or every version of a model")
      .argument("[model]", "group/model, or group/model:version")
      .argument("[version]", "the version (default: every installed version)")
      .option("--all", "remove every installed model")
      .option("-y, --yes", "do not ask for confirmation")
      .option(
        "--timeout <duration>",
        "how long to wait for a running pull of the model (30s, 2m; default 30s)",
        duration,
      ),
  ).action(async (ref, version, flags, cmd) =>
    (await import("./_weights_actions.ts")).removeWeights(ctx, ref, version, flags, cmd)
  );
}

function infoCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("info").description("show an installed version, or the registry's with --remote")
      .argument("<model>", "group/model, or group/model:version")
      .argument("[version]", "version or alias (default: latest)")
      .option("--remote", "describe the registry's version (files and sizes) without downloading"),
  ).action(async (ref, version, flags, cmd) =>
    (await import("./_weights_actions.ts")).weightsInfo(ctx, ref, version, flags, cmd)
  );
}

function pathCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("path").description("print the directory of an installed version")
      .argument("<model>", "group/model, or group/model:version")
      .argument("[version]", "version or alias (default: latest)"),
  ).action(async (ref, version, _flags, cmd) =>
    (await import("./_weights_actions.ts")).weightsPath(ctx, ref, version, cmd)
  );
}

function updateCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("update").description(
      "check installed versions against the registry (no download without --apply)",
    )
      .argument("[model]", "group/model, or group/model:version")
      .argument("[version]", "version")
      .option("--apply", "pull the versions that changed"),
  ).action(async (ref, version, flags, cmd) =>
    (await import("./_weights_actions.ts")).updateWeights(ctx, ref, version, flags, cmd)
  );
}

function pruneCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("prune").description(
      "delete stored files no installed model uses and leftovers of stopped pulls",
    )
      .option("-y, --yes", "do not ask for confirmation"),
  ).action(async (flags, cmd) => (await import("./_weights_actions.ts")).pruneWeights(ctx, flags, cmd));
}

function packCommand(ctx: Context) {
  return new Command("pack").description("publish a directory as a model version into a registry directory")
    .argument("<dir>", "the files to publish")
    .argument("[model]", "group/model (or --ref)")
    .argument("[version]", "the version (or --version)")
    .requiredOption("--out <registry-dir>", "the registry directory (models.json and data/)")
    .option("--ref <group/model>", "the model reference (instead of the argument)")
    .option("--version <v>", "the version (instead of the argument)")
    .option(
      "--chunk-size <size>",
      `chunk size: bytes, or with K, M, G (default ${DEFAULT_CHUNK_SIZE / 1024 ** 2}M)`,
      byteSize,
    )
    .option("--alias <name>", "an alias version pointing at this one (e.g. latest)")
    .option("-f, --force", "replace a published version whose content differs")
    .option("--json", "output JSON (same as -o json)")
    .action(async (dir, model, version, flags, cmd) =>
      (await import("./_weights_actions.ts")).packWeights(ctx, dir, { model, version }, flags, cmd)
    );
}

/** The `weights` command group. */
export function weightsCommand(ctx: Context): Command {
  return new Command("weights")
    .description("pull model weights from a content-addressed registry")
    .addCommand(listCommand(ctx))
    .addCommand(pullCommand(ctx))
    .addCommand(removeCommand(ctx))
    .addCommand(infoCommand(ctx))
    .addCommand(pathCommand(ctx))
    .addCommand(updateCommand(ctx))
    .addCommand(pruneCommand(ctx))
    .addCommand(packCommand(ctx) as unknown as Command) as unknown as Command;
}
