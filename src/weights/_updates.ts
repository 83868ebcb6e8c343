/**
 * Update checks and updates: installed versions against the registry's manifests, and local aliases (`latest`)
 * against where the registry's alias points now. Applying pulls again what changed; the pull fetches only the
 * chunks the installed files do not already hold.
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../errors.ts";
import type { WeightsContext } from "./_context.ts";
import { selectionsOf } from "./_glob.ts";
import { parseModelRef } from "./_model_ref.ts";
import { pullVersion } from "./_pull.ts";
import { checkName } from "./_safe_path.ts";
import { resolveVersion } from "./_registry_client.ts";
import type { RegistryIndex } from "./_schema.ts";
import type {
  AppliedUpdate,
  InstalledModel,
  PullResult,
  UpdateFailure,
  UpdateStatus,
  WeightsUpdateResult,
} from "./_types.ts";
import { compareVersions } from "./_versions.ts";

interface Checked {
  installed: InstalledModel;
  alias?: string;
}

/** The installed versions a check covers: all, a model's, one version, or what a local alias points to. */
async function select(ctx: WeightsContext, ref?: string, version?: string): Promise<Checked[]> {
  const all = await listInstalled(ctx);
  if (ref === undefined) return all.map((installed) => ({ installed }));
  const { group, model } = parseModelRef(ref);
  if (version !== undefined) checkName(version, "version", "invalid");
  const name = `${group}/${model}`;
  const mine = all.filter((i) => i.ref === name);
  if (version === undefined) {
    if (!mine.length) throw new StarmapError("not_installed", `no version of ${name} is installed`);
    return mine.map((installed) => ({ installed }));
  }
  const direct = mine.find((i) => i.version === version);
  if (direct) return [{ installed: direct }];
  const target = (await ctx.store.readAliases())[name]?.[version];
  const viaAlias = mine.find((i) => i.version === target);
  if (viaAlias) return [{ installed: viaAlias, alias: version }];
  throw new StarmapError("not_installed", `${name} ${version} is not installed`);
}

/** Every installed version, sorted by reference and version. */
export async function listInstalled(ctx: WeightsContext): Promise<InstalledModel[]> {
  const registry = await ctx.store.readRegistry();
  return Object.entries(registry).flatMap(([g, models]) =>
    Object.entries(models).flatMap(([m, versions]) =>
      Object.entries(versions).map(([v, e]) => ctx.installed(g, m, v, e))
    )
  ).sort((a, b) => a.ref.localeCompare(b.ref) || compareVersions(a.version, b.version));
}

function statusOf(index: RegistryIndex, c: Checked): UpdateStatus {
  const i = c.installed;
  const [group, model] = i.ref.split("/") as [string, string];
  let remoteHash: string | null = null;
  let remoteVersion: string | undefined;
  try {
    const r = resolveVersion(index, group, model, c.alias ?? i.version);
    remoteHash = r.hash;
    remoteVersion = r.version;
  } catch (error) {
    if (!isStarmapError(error, "not_found")) throw error;
  }
  if (c.alias === undefined && remoteVersion !== i.version) {
    // The registry's name is an alias now: the version itself is gone from it (an exact name is never an alias).
    remoteHash = null;
    remoteVersion = undefined;
  }
  const moved = c.alias !== undefined && remoteVersion !== undefined && remoteVersion !== i.version;
  return {
    ref: i.ref,
    version: i.version,
    installedHash: i.manifestHash,
    remoteHash,
    updateAvailable: remoteHash !== null && (moved || remoteHash !== i.manifestHash),
    ...(c.alias !== undefined ? { alias: c.alias } : {}),
    ...(c.alias !== undefined && remoteVersion !== undefined ? { remoteVersion } : {}),
  };
}

/**
 * Compares installed manifests (and followed aliases) with the registry's, without downloading anything. Without
 * a version, a local alias (`latest`) of a checked version is listed as well when the registry's moved.
 *
 * @throws {StarmapError} `not_installed` when a named model or version is not installed, `network`.
 */
export async function checkUpdates(
  ctx: WeightsContext,
  ref?: string,
  version?: string,
  signal?: AbortSignal,
): Promise<UpdateStatus[]> {
  const checked = await select(ctx, ref, version);
  if (!checked.length) return [];
  const index = await ctx.registry.index(ctx.signal(signal));
  if (version !== undefined) return checked.map((c) => statusOf(index, c));
  // Without a version, the local aliases a pull recorded are followed too, each shown when it moved.
  const aliases = await ctx.store.readAliases();
  return checked.flatMap((c) => {
    const local = Object.entries(aliases[c.installed.ref] ?? {})
      .filter(([, target]) => target === c.installed.version)
      .map(([alias]) => statusOf(index, { installed: c.installed, alias }))
      .filter((s) => s.remoteVersion !== undefined && s.remoteVersion !== s.version);
    return [statusOf(index, c), ...local];
  });
}

/** The failure of one version's update as data; a stop (abort) is no failure but ends every update. */
function failureOf(error: unknown, signal: AbortSignal | undefined): UpdateFailure {
  if (signal?.aborted || !isStarmapError(error)) throw error;
  return { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/**
 * Pulls again what changed (a moved alias pulls the version it points to now) and reports each state after. A
 * version whose pull fails is reported with its `error` and the others are still updated.
 *
 * @throws {StarmapError} as {@link checkUpdates}; an unexpected error or the abort reason of a pull.
 */
export async function applyUpdates(
  ctx: WeightsContext,
  ref?: string,
  version?: string,
  signal?: AbortSignal,
): Promise<WeightsUpdateResult> {
  const checked = await checkUpdates(ctx, ref, version, signal);
  const registry = await ctx.store.readRegistry();
  const applied: PullResult[] = [];
  const status: AppliedUpdate[] = [];
  for (const s of checked) {
    if (!s.updateAvailable) {
      status.push({ ...s, updated: false });
      continue;
    }
    const { group, model } = parseModelRef(s.ref);
    // A partial install stays partial: the update takes the same files of the new content.
    const selections = selectionsOf(registry[group]?.[model]?.[s.version]);
    let pulled: PullResult;
    try {
      pulled = await pullVersion(ctx, s.ref, s.alias ?? s.version, {
        force: true,
        selections,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      status.push({ ...s, updated: false, error: failureOf(error, signal) });
      continue;
    }
    applied.push(pulled);
    status.push({
      ...s,
      version: pulled.version,
      installedHash: pulled.manifestHash,
      remoteHash: pulled.manifestHash,
      updateAvailable: false,
      updated: true,
      previousHash: s.installedHash,
    });
  }
  return { status, applied };
}
