/**
 * What the `weights` subcommands do: a thin layer over `WeightsManager` and the packer that renders results,
 * adds the CLI's advice to errors (as JSON on stdout under `--json`) and turns Ctrl-C into a clean stop.
 *
 * @module
 */
import { counted } from "../../words/mod.ts";
import { isStarmapError, StarmapError } from "../../errors.ts";
import { errorBody } from "../_error_json.ts";
import { terminalColumns } from "../../runtime/mod.ts";
import { onStopSignal, type StopSignal } from "../../runtime/mod.ts";
import { pack } from "../../weights/mod.ts";
import type { PullResult, UpdateFailure, UpdateStatus, WeightsReporter } from "../../weights/mod.ts";
import type { Context } from "../_context.ts";
import { Interrupted } from "../_interrupted.ts";
import { renderData, renderFields, renderList } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";
import { advise } from "./_weights_advice.ts";
import { adviceArgs, modelAndVersion, namedVersion, pullCommand, type PullPlace } from "./_weights_ref.ts";
import { type ProgressBar, silentBar, startPlainProgress, startProgressBar } from "./_weights_progress.ts";
import { type WeightsRun, weightsRun } from "./_weights_setup.ts";
import { confirm } from "../_confirm.ts";
import {
  fileColumns,
  infoFields,
  installedColumns,
  pullFields,
  remoteColumns,
  updateColumns,
} from "./_weights_views.ts";

/** Runs a subcommand: errors get the CLI's advice (written to stdout as JSON under `--json` by the runner). */
async function guarded(
  cmd: InvokedCommand,
  command: string[],
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    throw advise(error, command, cmd.optsWithGlobals() as PullPlace);
  }
}

/** The progress display a pull uses: a bar on a terminal, plain lines in logs, nothing when quiet or `--json`. */
function progressDisplay(ctx: Context, run: Omit<WeightsRun, "manager">): ProgressBar {
  const write = (t: string) => ctx.io.err(t);
  if (run.settings.quiet) return silentBar();
  if (ctx.io.stderrIsTTY && run.human) {
    return startProgressBar(
      write,
      () => Number(ctx.io.env("COLUMNS")) || terminalColumns() || ctx.io.columns || 80,
    );
  }
  if (ctx.io.stderrIsTTY) return silentBar(write);
  const every = Number(ctx.io.env("STARMAP_PROGRESS_INTERVAL"));
  return startPlainProgress(write, Number.isFinite(every) && every > 0 ? every : 5000);
}

/** Runs `fn` with a progress display and Ctrl-C handling that restores the cursor and cancels. */
async function withProgress<T>(
  bar: ProgressBar,
  resume: () => string | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let interrupted: StopSignal | undefined;
  const removeHandler = onStopSignal((signal) => {
    interrupted = signal;
    bar.stop();
    // An AbortError, so that no layer reports the stop as a failed disk or network operation.
    controller.abort(new DOMException(`interrupted by ${signal}`, "AbortError"));
  });
  try {
    return await fn(controller.signal);
  } catch (error) {
    if (interrupted) {
      const hint = resume();
      throw new Interrupted(interrupted, { cause: error, ...(hint ? { hint } : {}) });
    }
    throw error;
  } finally {
    bar.stop();
    removeHandler();
  }
}

/** `weights list [--remote]`. */
export async function listWeights(
  ctx: Context,
  flags: { remote?: true },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, [], async () => {
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

/**
 * The run of a command that pulls (`pull`, `update --apply`): one manager reporting to the progress display its
 * output settings choose, and whether a pull reached its chunks (only then is there something to resume).
 */
async function pullingRun(
  ctx: Context,
  cmd: InvokedCommand,
): Promise<{ run: WeightsRun; bar: () => ProgressBar; fetching: () => boolean }> {
  let bar: ProgressBar = silentBar();
  let fetching = false;
  const run = await weightsRun(ctx, cmd, (r) => {
    bar = progressDisplay(ctx, r);
    const reporter: WeightsReporter = {
      progress: (p) => {
        fetching ||= p.phase === "chunks";
        bar.update(p);
      },
      notice: (m) => r.settings.quiet || bar.note(m),
      note: (m) => r.settings.verbose && bar.note(`note: ${m}`),
    };
    return { reporter };
  });
  return { run, bar: () => bar, fetching: () => fetching };
}

/** `weights pull <model> <version>`: progress on stderr; Ctrl-C restores the cursor and stops. */
export async function pullWeights(
  ctx: Context,
  model: string,
  given: string | undefined,
  flags: { force?: true; include?: string[]; exclude?: string[] },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, adviceArgs(model, given), async () => {
    const { ref, version } = namedVersion(model, given);
    const { run: pulling, bar, fetching } = await pullingRun(ctx, cmd);
    // Only a pull that reached its chunks has something to resume (not one stopped while waiting for a lock).
    const resume = () =>
      fetching()
        ? `run \`${pullCommand(ref, version, cmd.optsWithGlobals() as PullPlace)}\` again to resume ` +
          "(verified chunks are kept)"
        : undefined;
    const result = await withProgress(
      bar(),
      resume,
      async (signal) =>
        await pulling.manager.pull(ref, version, {
          signal,
          ...(flags.force ? { force: true } : {}),
          ...(flags.include?.length ? { include: flags.include } : {}),
          ...(flags.exclude?.length ? { exclude: flags.exclude } : {}),
        }),
    );
    if (!pulling.human) ctx.io.out(renderData(result, pulling.format === "yaml" ? "yaml" : "json"));
    else if (!pulling.settings.quiet) ctx.io.out(renderFields(pullFields(result), pulling.settings.render));
    else ctx.io.out(`${result.path}\n`);
  });
}

/** `weights remove [model] [version] [--all] [--timeout]`, after confirmation. */
export async function removeWeights(
  ctx: Context,
  model: string | undefined,
  given: string | undefined,
  flags: { all?: true; yes?: true; timeout?: number },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, [], async () => {
    const { ref, version } = model === undefined
      ? { ref: undefined, version: given }
      : modelAndVersion(model, given);
    const extra = flags.timeout !== undefined ? { lockTimeoutMs: flags.timeout } : {};
    const { manager, human, format, settings } = await weightsRun(ctx, cmd, extra);
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

/** `weights info <model> <version> [--remote]`. */
export async function weightsInfo(
  ctx: Context,
  model: string,
  given: string | undefined,
  flags: { remote?: true },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, adviceArgs(model, given), async () => {
    const { ref, version } = namedVersion(model, given);
    const { manager, human, format, settings } = await weightsRun(ctx, cmd);
    const info = await manager.info(ref, version, flags.remote ? { remote: true } : {});
    if (!human) return ctx.io.out(renderData(info, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(renderFields(infoFields(info), settings.render));
    ctx.io.out("\n");
    ctx.io.out(renderList(info.files, fileColumns, info.files, settings.render));
  });
}

/** `weights path <model> <version>`. */
export async function weightsPath(
  ctx: Context,
  model: string,
  given: string | undefined,
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, adviceArgs(model, given), async () => {
    const { ref, version } = namedVersion(model, given);
    const { manager, human } = await weightsRun(ctx, cmd);
    const path = await manager.path(ref, version);
    ctx.io.out(human ? `${path}\n` : renderData({ path }, "json"));
  });
}

/** `weights update [model] [version] [--apply]`. */
export async function updateWeights(
  ctx: Context,
  model: string | undefined,
  given: string | undefined,
  flags: { apply?: true },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, model && given ? adviceArgs(model, given) : [], async () => {
    const { ref, version } = model === undefined
      ? { ref: undefined, version: given }
      : modelAndVersion(model, given);
    // The pulls of `--apply` show progress, and Ctrl-C stops them as it stops a pull (verified chunks kept).
    const { run, bar, fetching } = flags.apply
      ? await pullingRun(ctx, cmd)
      : { run: await weightsRun(ctx, cmd), bar: silentBar, fetching: () => false };
    const { manager, human, format, settings } = run;
    const resume = () =>
      fetching() ? "run the same command again to resume (verified chunks are kept)" : undefined;
    const { status, applied } = flags.apply
      ? await withProgress(bar(), resume, (signal) => manager.applyUpdates(ref, version, { signal }))
      : { status: await manager.checkUpdate(ref, version), applied: [] };
    const failures = updateFailures(status, cmd.optsWithGlobals() as PullPlace);
    if (!human) {
      const shown = status.map((s, i) => failures[i] ? { ...s, error: errorBody(failures[i]) } : s);
      ctx.io.out(renderData({ status: shown, applied }, format === "yaml" ? "yaml" : "json"));
      return failedUpdates(status, failures);
    }
    ctx.io.out(renderList(status, updateColumns, status, settings.render));
    for (const [i, failure] of failures.entries()) {
      if (!failure) continue;
      const hint = isStarmapError(failure) && failure.hint ? `hint: ${failure.hint}\n` : "";
      ctx.io.err(`cannot update ${status[i]!.ref} ${status[i]!.version}: ${failure.message}\n${hint}`);
    }
    if (!settings.quiet) reportUpdates(ctx, status, applied);
    failedUpdates(status, failures);
  });
}

/** Each failed update as an error with the CLI's advice, at the index of its status (undefined for the others). */
function updateFailures(
  status: (UpdateStatus & { error?: UpdateFailure })[],
  place: PullPlace,
): (Error | undefined)[] {
  return status.map((s) => {
    const e = s.error;
    if (!e) return undefined;
    const error = new StarmapError(e.kind, e.message, e.hint ? { hint: e.hint } : {});
    return advise(error, [s.ref, s.alias ?? s.version], place) as Error;
  });
}

/** Ends the command with the first failure's exit code when any update failed (the others were applied). */
function failedUpdates(status: UpdateStatus[], failures: (Error | undefined)[]): void {
  const failed = status.filter((_, i) => failures[i]);
  const first = failures.find((f) => f !== undefined);
  if (!first) return;
  throw new StarmapError(
    isStarmapError(first) ? first.kind : "unexpected",
    `${failed.length} of ${status.length} updates failed: ${
      failed.map((s) => `${s.ref} ${s.version}`).join(", ")
    }`,
    { hint: "the versions that failed keep their installed content; the others were updated" },
  );
}

/** The notes of an update on stderr: aliases that moved, and what each applied update fetched. */
function reportUpdates(ctx: Context, status: UpdateStatus[], applied: PullResult[]): void {
  for (const s of status) {
    if (s.alias && s.remoteVersion && s.remoteVersion !== s.version && !("updated" in s && s.updated)) {
      ctx.io.err(
        s.remoteVersion === s.alias
          ? `${s.alias} of ${s.ref} is a version of its own now (the local alias points to ${s.version})\n`
          : `alias ${s.alias} of ${s.ref} moved: ${s.version} → ${s.remoteVersion}\n`,
      );
    }
  }
  for (const a of applied) {
    ctx.io.err(
      `updated ${a.ref} ${a.version} to manifest ${a.manifestHash.slice(0, 12)}: ${
        counted(a.fetchedChunks, "chunk")
      } fetched, ` +
        `${a.cachedChunks} reused, ${counted(a.sharedFiles, "file")} shared\n`,
    );
  }
}

/** `weights prune`, after confirmation. */
export async function pruneWeights(ctx: Context, flags: { yes?: true }, cmd: InvokedCommand): Promise<void> {
  await guarded(cmd, [], async () => {
    const { manager, human, format } = await weightsRun(ctx, cmd);
    if (!(await confirm(ctx, "prune unused files and leftovers of stopped pulls?", flags.yes))) {
      ctx.io.err("nothing pruned\n");
      return;
    }
    const result = await manager.pruneCache();
    if (!human) return ctx.io.out(renderData(result, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(
      `pruned ${result.files} unused files and ${result.staging} staging directories: freed ${result.bytes} bytes\n`,
    );
  });
}

/** The model or version of a pack: the argument or the flag (both only when they agree). */
function packArgument(what: string, arg: string | undefined, flag: string | undefined, name: string): string {
  if (arg !== undefined && flag !== undefined && arg !== flag) {
    throw new StarmapError("invalid", `pack got ${what} twice: ${arg} and ${name} ${flag}`, {
      hint: `give ${what} once, as an argument or with ${name}`,
    });
  }
  const value = arg ?? flag;
  if (value === undefined) {
    throw new StarmapError("invalid", `pack needs ${what}`, {
      hint: "starmap weights pack <dir> <group/model> <version> --out <registry-dir>",
    });
  }
  return value;
}

/** `weights pack <dir> [model] [version]`. */
export async function packWeights(
  ctx: Context,
  dir: string,
  args: { model?: string | undefined; version?: string | undefined },
  flags: { out: string; ref?: string; version?: string; chunkSize?: number; alias?: string; force?: true },
  cmd: InvokedCommand,
): Promise<void> {
  await guarded(cmd, [], async () => {
    const ref = packArgument("the model (group/model)", args.model, flags.ref, "--ref");
    const version = packArgument("the version", args.version, flags.version, "--version");
    const { human, format } = await weightsRun(ctx, cmd);
    const result = await pack({
      dir,
      out: flags.out,
      ref,
      version,
      ...(flags.chunkSize !== undefined ? { chunkSize: flags.chunkSize } : {}),
      ...(flags.alias !== undefined ? { alias: flags.alias } : {}),
      ...(flags.force ? { force: true } : {}),
    });
    if (!human) return ctx.io.out(renderData(result, format === "yaml" ? "yaml" : "json"));
    ctx.io.out(
      `packed ${ref} ${version}: ${counted(result.fileCount, "file")}, ${result.totalSize} bytes, ` +
        `${counted(result.chunkCount, "chunk")} (${result.newChunks} new), manifest ${result.manifestHash}\n`,
    );
  });
}
