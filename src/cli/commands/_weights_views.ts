/**
 * Table columns and detail fields of the `weights` commands.
 *
 * @module
 */
import { counted } from "../../words/mod.ts";
import type { InstalledModel, ModelInfo, PullResult, RemoteModel, UpdateStatus } from "../../weights/mod.ts";
import type { Field } from "../render/mod.ts";
import type { TextColumn as Column } from "../render/mod.ts";
import { formatBytes } from "./_weights_progress.ts";

/** Columns of installed models. */
export const installedColumns: Column<InstalledModel>[] = [
  { header: "MODEL", get: (r) => r.ref, flex: true },
  { header: "VERSION", get: (r) => r.version, id: true },
  { header: "SIZE", get: (r) => `${formatBytes(r.totalSize)}${r.partial ? " (partial)" : ""}`, right: true },
  { header: "FILES", get: (r) => String(r.fileCount), right: true },
  { header: "INSTALLED", get: (r) => r.installedAt.slice(0, 19).replace("T", " ") },
  { header: "MANIFEST", get: (r) => r.manifestHash.slice(0, 12), wide: true },
  { header: "PATH", get: (r) => r.path, wide: true },
];

/** Columns of registry versions. */
export const remoteColumns: Column<RemoteModel>[] = [
  { header: "MODEL", get: (r) => r.ref, flex: true },
  { header: "VERSION", get: (r) => r.version, id: true },
  { header: "TARGET", get: (r) => r.alias ? `→ ${r.alias}` : (r.hash ?? "").slice(0, 12) },
  {
    header: "SIZE",
    get: (r) => typeof r.metadata.total_size === "number" ? formatBytes(r.metadata.total_size) : "",
    right: true,
  },
];

/** The STATUS of an update check, or of an applied update. */
function updateState(r: UpdateStatus & { updated?: boolean; error?: unknown }): string {
  if (r.updated) return "updated";
  if (r.error) return "failed";
  if (r.remoteHash === null) return "gone from registry";
  if (r.alias && r.remoteVersion === r.alias) return `${r.alias} is a version now`;
  if (r.alias && r.remoteVersion && r.remoteVersion !== r.version) {
    return `${r.alias} moved to ${r.remoteVersion}`;
  }
  return r.updateAvailable ? "update available" : "up to date";
}

/** Columns of update checks (and of applied updates). */
export const updateColumns: Column<UpdateStatus & { updated?: boolean; error?: unknown }>[] = [
  { header: "MODEL", get: (r) => r.ref, flex: true },
  {
    header: "VERSION",
    get: (r) => r.alias && r.alias !== r.version ? `${r.version} (${r.alias})` : r.version,
    id: true,
  },
  { header: "STATUS", get: updateState, priority: 1 },
  { header: "INSTALLED", get: (r) => r.installedHash.slice(0, 12), wide: true },
  { header: "REMOTE", get: (r) => (r.remoteHash ?? "").slice(0, 12), wide: true },
];

/** Columns of a model's files. */
export const fileColumns: Column<{ path: string; size: number }>[] = [
  { header: "PATH", get: (f) => f.path, flex: true },
  { header: "SIZE", get: (f) => formatBytes(f.size), right: true },
];

/** Detail fields of a model version. */
export function infoFields(i: ModelInfo): Field[] {
  return [
    ["Model", i.ref],
    ["Version", i.requested ? `${i.version} (alias ${i.requested})` : i.version],
    ["Source", i.source],
    ["Manifest", i.manifestHash],
    [
      "Size",
      `${formatBytes(i.totalSize)} (${i.totalSize} bytes)` +
      (i.partial ? ` of ${formatBytes(i.manifestTotalSize ?? 0)}` : ""),
    ],
    ["Files", i.partial ? `${i.files.length} of ${i.manifestFileCount} (partial)` : String(i.files.length)],
    ["Chunks", `${i.chunkCount} × ${formatBytes(i.chunkSize)}`],
    ["Path", i.path],
    ["Installed", i.installedAt],
  ];
}

/** Detail fields of a pull. */
export function pullFields(r: PullResult): Field[] {
  return [
    ["Model", r.ref],
    ["Version", r.requested !== r.version ? `${r.version} (alias ${r.requested})` : r.version],
    ["Status", r.status === "installed" ? "installed" : "already installed"],
    [
      "Update",
      r.updateAvailable ? "available: pull with --force or run `starmap weights update --apply`" : undefined,
    ],
    ["Size", `${formatBytes(r.totalSize)}, ${counted(r.fileCount, "file")}`],
    [
      "Chunks",
      r.status === "installed"
        ? `${r.fetchedChunks} fetched, ${r.localChunks} copied from disk, ${r.resumedChunks} resumed`
        : undefined,
    ],
    [
      "Shared",
      r.status === "installed" && r.sharedFiles ? `${r.sharedFiles} files already stored` : undefined,
    ],
    [
      "Alias",
      r.aliasMoved
        ? `${r.aliasMoved.alias} moved from ${r.aliasMoved.from} to ${r.aliasMoved.to}`
        : undefined,
    ],
    ["Path", r.path],
  ];
}
