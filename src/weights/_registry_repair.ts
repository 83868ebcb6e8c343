/**
 * The repair of a damaged `registry.json` (truncated, not JSON, wrong shape): every version directory keeps the
 * manifest it was installed from (`.starmap/manifest.json`, named by its hash) and the list of its files
 * (`.starmap/files.json`), which is enough to verify what is there and record it again. A version whose files
 * all verify against its manifest is recorded; one that does not is left out, so a pull of it copies the chunks
 * its files still hold and fetches only what is missing or wrong.
 *
 * @module
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "../fs/mod.ts";
import { readFilesRecord } from "./_file_keys.ts";
import { recordSelections } from "./_glob.ts";
import { fileMatches } from "./_file_check.ts";
import { isHash, sha256Hex } from "./_hash.ts";
import { planTransfer } from "./_plan.ts";
import { nameProblem } from "./_safe_path.ts";
import { type InstalledEntry, InstalledIndex, Manifest } from "./_schema.ts";
import type { WeightsStore } from "./_store.ts";

/** What a repair found: the versions recorded again, and those whose files did not verify. */
export interface RegistryRepair {
  /** `group/model version` of each version recorded again. */
  restored: string[];
  /** `group/model version` of each version left out (its files do not match its manifest). */
  dropped: string[];
  /** Whether the rebuilt `registry.json` was written (else it is only used by this run). */
  saved: boolean;
}

async function damaged(file: string): Promise<boolean> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return false;
  try {
    return !InstalledIndex.safeParse(JSON.parse(text)).success;
  } catch {
    return true;
  }
}

async function names(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !nameProblem(e.name)).map((e) => e.name);
}

/** The `[group, model, version]` of every version directory under a models directory, recorded or not. */
export async function versionsOnDisk(root: string): Promise<[string, string, string][]> {
  const out: [string, string, string][] = [];
  for (const group of await names(root)) {
    for (const model of await names(join(root, group))) {
      for (const version of await names(join(root, group, model))) out.push([group, model, version]);
    }
  }
  return out;
}

/** Removes the stored copy of a file that did not verify when it is the same file (a hard link): it is damaged too. */
async function forgetStored(path: string, stored: string): Promise<void> {
  const [a, b] = await Promise.all([stat(path).catch(() => undefined), stat(stored).catch(() => undefined)]);
  if (a && b && a.ino === b.ino && a.dev === b.dev) await rm(stored, { force: true }).catch(() => {});
}

/** The entry of a version directory whose files verify, else `undefined`. */
async function verifiedEntry(dir: string, store: WeightsStore): Promise<InstalledEntry | undefined> {
  const bytes = await readFile(join(dir, ".starmap", "manifest.json")).catch(() => undefined);
  const record = await readFilesRecord(dir);
  if (!bytes || !record) return undefined;
  const manifest = (() => {
    try {
      return Manifest.safeParse(JSON.parse(new TextDecoder().decode(bytes))).data;
    } catch {
      return undefined;
    }
  })();
  if (!manifest) return undefined;
  const present = new Set(record.files.map((f) => f.path));
  const { files } = planTransfer(manifest, (path) => present.has(path));
  if (files.length !== present.size || files.length === 0) return undefined;
  for (const f of files) {
    const path = join(dir, ...f.path.split("/"));
    if (await fileMatches(path, f, (key) => record.digests[key])) continue;
    const key = record.files.find((r) => r.path === f.path)?.key;
    if (isHash(key)) await forgetStored(path, store.storeFile(key));
    return undefined;
  }
  const partial = files.length < manifest.files.length;
  // A partial install is recorded as the selection of the files it holds (`{*}` matches a literal `*`).
  const include = files.map((f) => f.path.replace(/[*?{]/g, (c) => `{${c}}`));
  return {
    manifest_hash: await sha256Hex(bytes),
    total_size: partial ? files.reduce((a, f) => a + f.size, 0) : manifest.total_size,
    file_count: files.length,
    installed_at: (await stat(join(dir, ".starmap", "files.json"))).mtime.toISOString(),
    ...(partial ? recordSelections([{ include }]) as Pick<InstalledEntry, "include"> : {}),
  };
}

/** The index of the version directories whose files verify. */
async function rebuild(store: WeightsStore): Promise<{ index: InstalledIndex; repair: RegistryRepair }> {
  const index: InstalledIndex = {};
  const repair: RegistryRepair = { restored: [], dropped: [], saved: true };
  for (const [group, model, version] of await versionsOnDisk(store.root)) {
    const entry = await verifiedEntry(join(store.root, group, model, version), store);
    const what = `${group}/${model} ${version}`;
    if (!entry) {
      repair.dropped.push(what);
      continue;
    }
    ((index[group] ??= {})[model] ??= {})[version] = entry;
    repair.restored.push(what);
  }
  return { index, repair };
}

/**
 * Rebuilds a damaged `registry.json` from the version directories, under the state lock (another process may
 * have repaired it meanwhile). Where it cannot be written (a read-only models directory), the rebuilt index is
 * served from memory for this run (`saved` false). Returns `undefined` when it was not damaged.
 */
export async function repairRegistry(store: WeightsStore): Promise<RegistryRepair | undefined> {
  if (!(await damaged(store.registryFile))) return undefined;
  try {
    return await store.withStateLock(async () => {
      if (!(await damaged(store.registryFile))) return undefined;
      const { index, repair } = await rebuild(store);
      await atomicWrite(store.registryFile, `${JSON.stringify(index, null, 2)}\n`);
      return repair;
    });
  } catch {
    const { index, repair } = await rebuild(store);
    store.serveRebuilt(index);
    return { ...repair, saved: false };
  }
}
