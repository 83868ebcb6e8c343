/**
 * The environment of a CLI child process whose starmap directories (config, cache, data) live in a temporary home,
 * while Deno keeps using the cache of the test run (moving `XDG_CACHE_HOME` would otherwise move `DENO_DIR` and
 * make Deno fetch its npm packages again).
 *
 * @module
 */
import { join } from "node:path";

/** Deno's cache directory of this process: `DENO_DIR`, else the Linux/macOS default under the cache home. */
function denoDir(): string {
  const set = Deno.env.get("DENO_DIR");
  if (set) return set;
  const home = Deno.env.get("HOME") ?? "";
  if (Deno.build.os === "darwin") return join(home, "Library", "Caches", "deno");
  return join(Deno.env.get("XDG_CACHE_HOME") ?? join(home, ".cache"), "deno");
}

/** Variables that point starmap's platform directories into `home` and keep Deno's cache where it is. */
export function isolatedDirs(home: string): Record<string, string> {
  return {
    DENO_DIR: denoDir(),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    XDG_DATA_HOME: join(home, "data"),
  };
}
