/**
 * The sweep of dead pulls: staging directories (and chunk claims) that a pull left when its process vanished from
 * this host without stopping on its own terms (killed, crashed). Every command that reads the models directory
 * runs it once, so a killed pull never strands its partial files. A pull that stopped on its own terms (an
 * interrupt, a network failure, a full disk) marks its staging as stopped and keeps it for a resume, until
 * `prune`; a pull of the same model takes a dead staging over rather than sweep it.
 *
 * @module
 */
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { acquireFileLock, hostName, processAlive } from "../runtime/mod.ts";
import type { WeightsStore } from "./_store.ts";

/** The owner record of a staging directory (`owner.json`). */
export interface StagingOwner {
  /** The pulling process. */
  pid: number;
  /** Its host. */
  host: string;
  /** Set when the pull stopped on its own terms: the staging is kept for a resume. */
  stopped?: boolean;
}

/** How long a staging directory or claim without an owner record may be a pull that is just starting. */
const UNOWNED_GRACE_MS = 60_000;

/** A staging directory the sweep removed. */
export interface SweptStaging {
  /** `group/model version`, or the directory's name when it is no pull's. */
  what: string;
  /** The pid of the vanished process, when it was recorded. */
  pid?: number;
  /** Bytes of disk freed. */
  bytes: number;
}

async function readOwner(dir: string): Promise<StagingOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dir, "owner.json"), "utf8")) as Partial<StagingOwner>;
    return typeof value.pid === "number" && typeof value.host === "string"
      ? value as StagingOwner
      : undefined;
  } catch {
    return undefined;
  }
}

async function young(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return !info || Date.now() - (info.mtime?.getTime() ?? 0) < UNOWNED_GRACE_MS;
}

/** Whether a recorded process is gone from this host (a process of another host is never judged here). */
function gone(owner: { pid: number; host: string }): boolean {
  return owner.host === hostName() && !processAlive(owner.pid);
}

/** Marks a staging directory as stopped on its own terms (kept for a resume). */
export async function markStopped(staging: string): Promise<void> {
  const owner = await readOwner(staging);
  if (owner) await writeFile(join(staging, "owner.json"), JSON.stringify({ ...owner, stopped: true }));
}

/**
 * Removes dead staging directories except those `keep` names, each under its model's lock taken without waiting
 * (a pull that holds it is taking the staging over); then the chunk claims of vanished processes.
 */
export async function sweepDeadPulls(
  store: WeightsStore,
  keep: (name: string) => boolean = () => false,
): Promise<SweptStaging[]> {
  const dir = join(store.root, ".staging");
  const swept: SweptStaging[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (keep(name)) continue;
    const path = join(dir, name);
    const owner = await readOwner(path);
    if (owner ? owner.stopped || !gone(owner) : await young(path)) continue;
    const [group, model, version] = name.split("@");
    const lock = version === undefined ? undefined : await acquireFileLock(
      join(store.root, ".locks", `${group}@${model}.lock`),
      { timeoutMs: 0, purpose: "sweep a dead pull" },
    ).catch(() => null);
    if (lock === null) continue;
    try {
      const again = await readOwner(path);
      if (again && (again.stopped || !gone(again))) continue;
      const bytes = await store.diskUsage(path, true);
      await rm(path, { recursive: true, force: true });
      swept.push({
        what: version === undefined ? name : `${group}/${model} ${version}`,
        ...(owner ? { pid: owner.pid } : {}),
        bytes,
      });
    } finally {
      await lock?.release();
    }
  }
  await sweepClaims(store.claimsDir);
  return swept;
}

async function sweepClaims(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith(".ready")) continue;
    const path = join(dir, name);
    const text = await readFile(path, "utf8").catch(() => undefined);
    let record: { pid?: unknown; host?: unknown } | undefined;
    try {
      record = text === undefined ? undefined : JSON.parse(text);
    } catch {
      record = undefined;
    }
    const dead = typeof record?.pid === "number" && typeof record.host === "string"
      ? gone({ pid: record.pid, host: record.host })
      : !(await young(path));
    if (!dead) continue;
    await rm(`${path}.ready`, { force: true });
    await rm(path, { force: true });
  }
}
