/**
 * `starmap weights list|pull|remove|info|path|update|prune|pack`: a thin layer over `WeightsManager` and the
 * packer. Any CLI built on commander can attach this tree.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { StarmapError } from "../../errors.ts";
import { onStopSignal } from "../../runtime/signals.ts";
import { DEFAULT_CHUNK_SIZE, pack } from "../../weights/packer.ts";
import type { PullProgress } from "../../weights/progress.ts";
import type { Context } from "../context.ts";
import { positiveInt } from "../options.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import { type ProgressBar, silentBar, startProgressBar } from "./weights_progress.ts";
import { confirm, weightsRun, withWeightsFlags } from "./weights_setup.ts";
import {
  fileColumns,
  infoFields,
  installedColumns,
  pullFields,
  remoteColumns,
  updateColumns,
} from "./weights_views.ts";

function listCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("list").alias("ls").description("list installed models, or the registry's with --remote")
      .option("--remote", "list the registry's models and versions"),
  ).action(async (flags, cmd) => {
    const { manager, format, settings } = await weightsRun(ctx, cmd);
    const render = { ...settings.render, format };
    if (flags.remote) {
      const rows = await manager.list({ remote: true });
      ctx.io.out(renderList(rows, remoteColumns, rows, render));
    } else {
      const rows = await manager.list();
      ctx.io.out(renderList(rows, installedColumns, rows, render));
      if (!rows.length && !settings.quiet && format !== "json") ctx.io.err("no models installed\n");
    }
  });
}

/** Runs `fn` with a progress bar (when allowed) and Ctrl-C handling that restores the cursor and cancels. */
async function withProgress<T>(
  ctx: Context,
  show: boolean,
  resume: string,
  fn: (onProgress: (p: PullProgress) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const bar: ProgressBar = show ? startProgressBar((t) => ctx.io.err(t), ctx.io.columns ?? 80) : silentBar;
  const controller = new AbortController();
  let interrupted: string | undefined;
  const removeHandler = onStopSignal((signal) => {
    interrupted = signal;
    bar.stop();
    controller.abort(new Error(`interrupted by ${signal}`));
  });
  try {
    return await fn((p) => bar.update(p), controller.signal);
  } catch (error) {
    if (interrupted) {
      throw new StarmapError("unexpected", `interrupted by ${interrupted}`, { cause: error, hint: resume });
    }
    throw error;
  } finally {
    bar.stop();
    removeHandler();
  }
}

function pullCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("pull").description("download, verify and install a model version")
      .argument("<model>", "group/model")
      .argument("<version>", "version or alias")
      .option("-f, --force", "download again even when installed"),
  ).action(async (ref, version, flags, cmd) => {
    const probe = await weightsRun(ctx, cmd);
    const show = ctx.io.stderrIsTTY && !probe.settings.quiet && probe.human;
    const resume = `re-run \`starmap weights pull ${ref} ${version}\` to resume (verified chunks are kept)`;
    const result = await withProgress(ctx, show, resume, async (onProgress, signal) => {
      const { manager } = await weightsRun(ctx, cmd, { onProgress, signal });
      return await manager.pull(ref, version, flags.force ? { force: true } : {});
    });
    if (!probe.human) ctx.io.out(renderData(result, probe.format === "yaml" ? "yaml" : "json"));
    else if (!probe.settings.quiet) ctx.io.out(renderFields(pullFields(result), probe.settings.render));
    else ctx.io.out(`${result.path}\n`);
  });
}

function removeCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("remove").alias("rm").description("remove an installed version, or every version of a model")
      .argument("[model]", "group/model")
      .argument("[version]", "the version (default: every installed version)")
      .option("--all", "remove every installed model")
      .option("-y, --yes", "do not ask for confirmation"),
  ).action(async (ref, version, flags, cmd) => {
    const { manager, human, format, settings } = await weightsRun(ctx, cmd);
    if (flags.all ? ref !== undefined : ref === undefined) {
      throw new StarmapError(
        "invalid",
        flags.all ? "--all takes no model" : "name a model to remove, or pass --all",
      );
    }
    const what = flags.all
      ? "every installed model"
      : `${ref}${version ? ` ${version}` : " (every version)"}`;
    if (!(await confirm(ctx, `remove ${what}?`, flags.yes))) {
      ctx.io.err("nothing removed\n");
      return;
    }
    const result = flags.all ? await manager.removeAll() : await manager.remove(ref!, version);
    if (!human) return ctx.io.out(renderData(result, format === "yaml" ? "yaml" : "json"));
    for (const r of result.removed) ctx.io.out(`removed ${r.ref} ${r.version}\n`);
    if (!settings.quiet) ctx.io.err(`freed ${result.freedBytes} bytes\n`);
  });
}

function infoCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("info").description("show an installed version, or the registry's with --remote")
      .argument("<model>", "group/model")
      .argument("<version>", "version")
      .option("--remote", "describe the registry's version (files and sizes) without downloading"),
  ).action(async (ref, version, flags, cmd) => {
    const { manager, human, format, settings } = await weightsRun(ctx, cmd);
    const info = await manager.info(ref, version, flags.remote ? { remote: true } : {});
    if (!human) return ctx.io.out(renderData(info, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(renderFields(infoFields(info), settings.render));
    ctx.io.out("\n");
    ctx.io.out(renderList(info.files, fileColumns, info.files, settings.render));
  });
}

function pathCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("path").description("print the directory of an installed version")
      .argument("<model>", "group/model")
      .argument("<version>", "version"),
  ).action(async (ref, version, _flags, cmd) => {
    const { manager, human } = await weightsRun(ctx, cmd);
    const path = await manager.path(ref, version);
    ctx.io.out(human ? `${path}\n` : renderData({ path }, "json"));
  });
}

function updateCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("update").description(
      "check installed versions against the registry (no download without --apply)",
    )
      .argument("[model]", "group/model")
      .argument("[version]", "version")
      .option("--apply", "pull the versions that changed"),
  ).action(async (ref, version, flags, cmd) => {
    const { manager, human, format, settings } = await weightsRun(ctx, cmd);
    const status = await manager.checkUpdate(ref, version);
    const applied = [];
    if (flags.apply) {
      for (const s of status.filter((x) => x.updateAvailable)) {
        applied.push(await manager.pull(s.ref, s.version, { force: true }));
      }
    }
    if (!human) return ctx.io.out(renderData({ status, applied }, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(renderList(status, updateColumns, status, settings.render));
    for (const a of applied) ctx.io.err(`updated ${a.ref} ${a.version}\n`);
  });
}

function pruneCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("prune").description("delete cached chunks unused for 24 h and leftovers of dead pulls")
      .option("-y, --yes", "do not ask for confirmation"),
  ).action(async (flags, cmd) => {
    const { manager, human, format } = await weightsRun(ctx, cmd);
    if (!(await confirm(ctx, "prune the chunk cache?", flags.yes))) {
      ctx.io.err("nothing pruned\n");
      return;
    }
    const result = await manager.pruneCache();
    if (!human) return ctx.io.out(renderData(result, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(
      `pruned ${result.chunks} chunks (${result.bytes} bytes), ${result.staging} staging directories\n`,
    );
  });
}

function packCommand(ctx: Context) {
  return withWeightsFlags(
    new Command("pack").description("publish a directory as a model version into a registry directory")
      .argument("<dir>", "the files to publish")
      .requiredOption("--out <registry-dir>", "the registry directory (models.json and data/)")
      .requiredOption("--ref <group/model>", "the model reference")
      .requiredOption("--version <v>", "the version")
      .option("--chunk-size <bytes>", `chunk size in bytes (default ${DEFAULT_CHUNK_SIZE})`, positiveInt)
      .option("--alias <name>", "an alias version pointing at this one (e.g. latest)"),
  ).action(async (dir, flags, cmd) => {
    const { human, format } = await weightsRun(ctx, cmd);
    const result = await pack({
      dir,
      out: flags.out,
      ref: flags.ref,
      version: flags.version,
      ...(flags.chunkSize !== undefined ? { chunkSize: flags.chunkSize } : {}),
      ...(flags.alias !== undefined ? { alias: flags.alias } : {}),
    });
    if (!human) return ctx.io.out(renderData(result, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(
      `packed ${flags.ref} ${flags.version}: ${result.fileCount} files, ${result.totalSize} bytes, ` +
        `${result.chunkCount} chunks (${result.newChunks} new), manifest ${result.manifestHash}\n`,
    );
  });
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
    .addCommand(packCommand(ctx)) as unknown as Command;
}
