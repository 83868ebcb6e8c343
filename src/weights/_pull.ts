/**
 * A pull: an installed version (or a local alias of one) answers without the network; otherwise the index and
 * the manifest are read, the model lock taken (waiting says who holds it), and the version installed.
 *
 * @module
 */
import { readdir, readFile, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { isStarmapError, StarmapError } from "../errors.ts";
import type { WeightsContext } from "./_context.ts";
import type { TransferCounters } from "./_engine.ts";
import {
  addSelection,
  type FileSelection,
  holds,
  recordSelections,
  selectionsOf,
  selector,
  selectsAll,
  unionSelector,
} from "./_glob.ts";
import { installVersion } from "./_install.ts";
import { checkManifest } from "./_manifest_check.ts";
import { parseModelRef } from "./_model_ref.ts";
import type { PullProgress } from "./_progress.ts";
import { resolveVersion } from "./_registry_client.ts";
import { checkName } from "./_safe_path.ts";
import type { InstalledEntry, Manifest } from "./_schema.ts";
import type { PullResult } from "./_types.ts";

/** Options of one pull. */
export interface PullOptions {
  /** Pull again from the registry even when installed. */
  force?: boolean;
  /** Cancels this pull. */
  signal?: AbortSignal;
  /** Only the files these globs select (`include`) and not those they leave out (`exclude`). */
  include?: readonly string[];
  /** Globs of files to leave out. */
  exclude?: readonly string[];
  /**
   * The selections to install, as a partial install records them (empty: every file); `include`/`exclude` add
   * one more. Without it, a selection adds to what a partial install of the version holds.
   */
  selections?: readonly {
    include?: readonly string[] | undefined;
    exclude?: readonly string[] | undefined;
  }[];
}

/** A pull that stopped with verified chunks kept for a resume. */
export class PullInterruptedError extends StarmapError {
  /** `group/model`. */
  readonly ref: string;
  /** The version asked for. */
  readonly version: string;
  /** Chunks verified and kept (a new pull continues from them). */
  readonly verifiedChunks: number;

  /** Wraps the failure of a pull that can be resumed; keeps its kind, message and structured fields. */
  constructor(error: StarmapError, ref: string, version: string, verifiedChunks: number) {
    super(error.kind, error.message, {
      cause: error,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.code ? { code: error.code } : {}),
      ...(error.setting ? { setting: error.setting } : {}),
      ...(error.resource ? { resource: error.resource } : {}),
    });
    this.name = "PullInterruptedError";
    this.ref = ref;
    this.version = version;
    this.verifiedChunks = verifiedChunks;
  }
}

/** The selection a pull's own `include`/`exclude` make. */
function ownSelection(options: PullOptions): FileSelection {
  return { include: options.include, exclude: options.exclude };
}

/** Whether an install holds every file a pull asks for. */
function holdsAll(entry: InstalledEntry, options: PullOptions): boolean {
  const held = selectionsOf(entry);
  return holds(held, ownSelection(options)) && (options.selections ?? []).every((s) => holds(held, s));
}

/**
 * The selections a pull installs: its own added to those asked for, else to those a partial install of the
 * version holds (a second selective pull adds its files; a pull without a selection takes every file).
 */
function wantedSelections(installed: InstalledEntry | undefined, options: PullOptions): FileSelection[] {
  const own = ownSelection(options);
  if (options.selections) {
    return selectsAll(own) ? [...options.selections] : addSelection(options.selections, own);
  }
  if (selectsAll(own)) return [];
  const before = selectionsOf(installed);
  return installed && before.length ? addSelection(before, own) : [own];
}

/** The installed answer to a pull, without the network: the version itself or what a local alias points to. */
async function installedAnswer(
  ctx: WeightsContext,
  group: string,
  model: string,
  version: string,
  options: PullOptions,
): Promise<PullResult | undefined> {
  if (options.force) return undefined;
  const registry = await ctx.store.readRegistry();
  const aliases = await ctx.store.readAliases();
  const concrete = registry[group]?.[model]?.[version] ? version : aliases[`${group}/${model}`]?.[version];
  const entry = concrete === undefined ? undefined : registry[group]?.[model]?.[concrete];
  // A full install holds whatever a selection asks for: answering it keeps the selection from shrinking it.
  if (!entry || concrete === undefined || !holdsAll(entry, options)) {
    return undefined;
  }
  if (!(await ctx.store.exists(ctx.store.modelDir(group, model, concrete)))) return undefined;
  return {
    ...ctx.installed(group, model, concrete, entry),
    requested: version,
    status: "already_installed",
    updateAvailable: false,
    fetchedChunks: 0,
    cachedChunks: 0,
    localChunks: 0,
    resumedChunks: 0,
    sharedFiles: 0,
  };
}

/** Verified chunks an interrupted pull left in its staging directories of a model. */
async function keptChunks(ctx: WeightsContext, group: string, model: string): Promise<number> {
  const dir = join(ctx.store.root, ".staging");
  let n = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(`${group}@${model}@`)) continue;
    const text = await readFile(join(dir, name, "journal"), "utf8").catch(() => "");
    n += text.split("\n").filter((l) => l.startsWith('{"c":')).length;
  }
  return n;
}

/**
 * Removes the staging a stopped pull kept for other content of the version just installed (the registry replaced
 * it): no pull can resume it. The model's lock, held here, means no pull of this model is using it.
 */
async function dropSuperseded(
  ctx: WeightsContext,
  group: string,
  model: string,
  version: string,
  hash: string,
): Promise<void> {
  const dir = join(ctx.store.root, ".staging");
  const prefix = `${group}@${model}@${version}@`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const key = name.slice(prefix.length);
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}$/.test(key) || hash.startsWith(key)) continue;
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => {});
    ctx.report.note(`removed the staging kept for earlier content of ${group}/${model} ${version}`);
  }
}

/**
 * Pulls a version (see `WeightsManager.pull`).
 *
 * @throws {StarmapError} `not_found`, `network`, `verification`, `storage` (a {@link PullInterruptedError} when
 * verified chunks were kept); or the abort reason.
 */
export async function pullVersion(
  ctx: WeightsContext,
  ref: string,
  version: string,
  options: PullOptions = {},
): Promise<PullResult> {
  const { group, model } = parseModelRef(ref);
  checkName(version, "version", "invalid");
  const answer = await installedAnswer(ctx, group, model, version, options);
  if (answer) {
    ctx.report.progress(progressOf(answer.ref, answer.version, "done"));
    return answer;
  }
  try {
    return await pullRemote(ctx, group, model, version, options);
  } catch (error) {
    if (!isStarmapError(error) || (error.kind !== "network" && error.kind !== "storage")) throw error;
    const kept = await keptChunks(ctx, group, model).catch(() => 0);
    throw kept > 0 ? new PullInterruptedError(error, `${group}/${model}`, version, kept) : error;
  }
}

function progressOf(ref: string, version: string, phase: PullProgress["phase"]): PullProgress {
  return {
    ref,
    version,
    phase,
    totalBytes: 0,
    doneBytes: 0,
    inFlightBytes: 0,
    networkBytes: 0,
    chunks: 0,
    chunksDone: 0,
    cachedChunks: 0,
  };
}

/**
 * The registry entry a pull records and its file predicate (the union of `held`; every file when empty); a
 * selection of the pull's own that matches no file is refused.
 */
function entryOf(
  what: string,
  hash: string,
  manifest: Manifest,
  held: readonly FileSelection[],
  own: FileSelection,
): { entry: InstalledEntry; select: (path: string) => boolean } {
  const entry: InstalledEntry = {
    manifest_hash: hash,
    total_size: manifest.total_size,
    file_count: manifest.files.length,
    installed_at: new Date().toISOString(),
    ...(recordSelections(held) as Pick<InstalledEntry, "include" | "exclude" | "selections">),
  };
  const refuse = (selections: readonly FileSelection[]) => {
    const globs = selections.flatMap((
      s,
    ) => [...(s.include ?? []), ...(s.exclude ?? []).map((g) => `not ${g}`)]);
    throw new StarmapError("invalid", `the selection (${globs.join(", ")}) matches no file of ${what}`, {
      hint: `its files: ${manifest.files.slice(0, 8).map((f) => f.path).join(", ")}`,
    });
  };
  if (!selectsAll(own) && !manifest.files.some((f) => selector(own)(f.path))) refuse([own]);
  const select = unionSelector(held);
  if (held.length === 0) return { entry, select };
  const chosen = manifest.files.filter((f) => select(f.path));
  // An update keeps a partial install's selection; new content it matches nothing of is not installed empty.
  if (chosen.length === 0) refuse(held);
  entry.total_size = chosen.reduce((a, f) => a + f.size, 0);
  entry.file_count = chosen.length;
  return { entry, select };
}

async function pullRemote(
  ctx: WeightsContext,
  group: string,
  model: string,
  version: string,
  options: PullOptions,
): Promise<PullResult> {
  const ref = `${group}/${model}`;
  const signal = ctx.signal(options.signal);
  ctx.report.progress(progressOf(ref, version, "manifest"));
  const resolved = resolveVersion(await ctx.registry.index(signal), group, model, version);
  const store = ctx.store;
  await store.ensureRealDirs();
  const lock = await store.modelLock(group, model, {
    timeoutMs: 7 * 24 * 3600_000,
    signal,
    purpose: `pull ${ref} ${resolved.version}`,
  });
  try {
    const again = await installedAnswer(ctx, group, model, resolved.version, options);
    if (again && !options.force) {
      return { ...again, requested: version, ...(await moveAlias(ctx, ref, version, resolved.version)) };
    }
    const { manifest, bytes } = await ctx.registry.manifest(resolved.hash, signal);
    checkManifest(manifest);
    await store.ensureRealDirs(group, model);
    const installed = (await store.readRegistry())[group]?.[model]?.[resolved.version];
    const held = wantedSelections(installed, options);
    const { entry, select } = entryOf(
      `${ref} ${resolved.version}`,
      resolved.hash,
      manifest,
      held,
      ownSelection(options),
    );
    const progress = progressOf(ref, resolved.version, "chunks");
    const counts = await installVersion(store, {
      group,
      model,
      version: resolved.version,
      manifestHash: resolved.hash,
      entry,
    }, {
      manifest,
      manifestBytes: bytes,
      select,
      checkStored: options.force === true,
      registry: ctx.registry,
      concurrency: ctx.concurrency,
      retry: ctx.transferRetry,
      signal,
      installed: () => ctx.versionDirs(),
      onProgress: (total, c, inFlight) => ctx.report.progress(update(progress, total, c, inFlight)),
      note: (m) => ctx.report.note(m),
      onInstalling: () => ctx.report.progress({ ...progress, phase: "installing" }),
    });
    await dropSuperseded(ctx, group, model, resolved.version, resolved.hash);
    ctx.report.progress({ ...progress, phase: "done" });
    return {
      ...ctx.installed(group, model, resolved.version, entry),
      requested: version,
      status: "installed",
      updateAvailable: false,
      fetchedChunks: counts.fetchedChunks,
      cachedChunks: counts.localChunks + counts.resumedChunks,
      localChunks: counts.localChunks,
      resumedChunks: counts.resumedChunks,
      sharedFiles: counts.sharedFiles,
      ...(await moveAlias(ctx, ref, version, resolved.version)),
    };
  } finally {
    // A first pull refused (no space) or failed leaves no empty model directory (rmdir keeps one in use). Only
    // the model's: the lock held here covers it, while the group's is shared with pulls of its other models,
    // one of which may be creating its directory inside it right now.
    await rmdir(join(store.root, group, model)).catch(() => {});
    await lock.release();
  }
}

function update(
  p: PullProgress,
  total: { bytes: number; chunks: number },
  c: TransferCounters,
  inFlight: number,
): PullProgress {
  p.totalBytes = total.bytes;
  p.chunks = total.chunks;
  p.doneBytes = Math.min(total.bytes, c.verifiedBytes + inFlight);
  p.inFlightBytes = inFlight;
  p.networkBytes = c.networkBytes;
  p.chunksDone = c.fetched + c.copied + c.resumed;
  p.cachedChunks = c.copied + c.resumed;
  return { ...p };
}

/**
 * Records what an alias points to now; reports the move when it pointed elsewhere before. A version named like a
 * local alias replaces it: an exact version name always wins over an alias of the same name.
 */
async function moveAlias(
  ctx: WeightsContext,
  ref: string,
  requested: string,
  version: string,
): Promise<Pick<PullResult, "aliasMoved">> {
  const before = (await ctx.store.readAliases())[ref]?.[requested];
  if (requested === version) {
    if (before === undefined) return {};
    await ctx.store.withStateLock(() => ctx.store.writeAlias(ref, requested, undefined));
    ctx.report.notice(`${requested} of ${ref} is a version of its own now, no longer an alias of ${before}`);
    return {};
  }
  const [group, model] = ref.split("/") as [string, string];
  if (await ctx.store.installed(group, model, requested)) {
    ctx.report.notice(
      `version ${requested} of ${ref} is installed and wins over the alias ${requested} (now ${version}); ` +
        `remove it to follow the alias`,
    );
  }
  if (before === version) return {};
  await ctx.store.withStateLock(() => ctx.store.writeAlias(ref, requested, version));
  if (before === undefined) return {};
  ctx.report.notice(`alias ${requested} of ${ref} moved from ${before} to ${version}`);
  return { aliasMoved: { alias: requested, from: before, to: version } };
}
