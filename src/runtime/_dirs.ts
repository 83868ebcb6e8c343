/**
 * Platform directories (config, data, cache) following each OS's conventions.
 *
 * @module
 */
import { join } from "node:path";
import { env, osName } from "./_runtime.ts";

/** Which kind of directory. */
export type DirKind = "config" | "data" | "cache";

/** The user's home directory, or `undefined` when it cannot be known (no env permission). */
export function homeDir(): string | undefined {
  return env("HOME") ?? env("USERPROFILE");
}

/**
 * The platform directory of starmap for a kind, or `undefined` when it cannot be known (no env permission).
 * Linux: XDG (`~/.config/starmap`, `~/.local/share/starmap`, `~/.cache/starmap`); macOS: `~/Library/Application
 * Support/starmap` (cache: `~/Library/Caches/starmap`); Windows: `%APPDATA%\starmap` and `%LOCALAPPDATA%\starmap`.
 */
export function platformDir(kind: DirKind): string | undefined {
  const os = osName();
  if (os === "windows") {
    const base = kind === "config" ? env("APPDATA") : env("LOCALAPPDATA") ?? env("APPDATA");
    return base ? join(base, "starmap") : undefined;
  }
  const h = homeDir();
  if (os === "darwin") {
    if (!h) return undefined;
    return kind === "cache"
      ? join(h, "Library", "Caches", "starmap")
      : join(h, "Library", "Application Support", "starmap");
  }
  const xdg = { config: "XDG_CONFIG_HOME", data: "XDG_DATA_HOME", cache: "XDG_CACHE_HOME" }[kind];
  const fallback = { config: ".config", data: join(".local", "share"), cache: ".cache" }[kind];
  const base = env(xdg) ?? (h ? join(h, fallback) : undefined);
  return base ? join(base, "starmap") : undefined;
}
