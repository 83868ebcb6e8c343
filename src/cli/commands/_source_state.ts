/**
 * The CLI's memory of its sources between runs: the process-wide breaker loaded from and saved to
 * `<data dir>/state/sources.json`, so an upstream that kept failing stays open for its cool-down across runs and
 * `auth status` can tell when each source last worked.
 *
 * @module
 */
import { join } from "node:path";
import { type CircuitBreaker, HttpClient, sharedBreaker } from "../../http/mod.ts";
import { resolveSection, SOURCES_SETTINGS } from "../../settings/mod.ts";
import type { Context } from "../_context.ts";
import type { Settings } from "../_settings.ts";
import { BREAKER_FILE, loadBreaker, saveBreaker } from "../../http/mod.ts";
import { platformDir } from "../../runtime/mod.ts";
import { hasPermission } from "../../runtime/mod.ts";

/** The state file, or `undefined` when the data directory is unknown or not readable and writable. */
export function sourceStateFile(): string | undefined {
  const data = platformDir("data");
  if (!data) return undefined;
  const dir = join(data, "state");
  return hasPermission("read", dir) && hasPermission("write", dir) ? join(dir, BREAKER_FILE) : undefined;
}

/** Loads the saved states into the process-wide breaker and returns it. */
export async function loadSourceState(): Promise<CircuitBreaker> {
  const breaker = sharedBreaker();
  const file = sourceStateFile();
  if (file) await loadBreaker(file, breaker);
  return breaker;
}

/** Saves the process-wide breaker; a failure to save never fails the command that ran. */
export async function saveSourceState(): Promise<void> {
  const file = sourceStateFile();
  if (!file) return;
  try {
    await saveBreaker(file, sharedBreaker());
  } catch {
    // The memory is an aid: a read-only data directory must not turn a good run into an error.
  }
}

/**
 * The HTTP client of a command that calls provider APIs itself (`providers fetch`, `auth verify`): the source
 * settings' timeout (or the command's `--timeout`) and retries, and the remembered breaker.
 */
export async function sourceHttp(
  ctx: Context,
  settings: Settings,
  timeoutMs: number | undefined,
): Promise<{ http: HttpClient; timeoutMs: number }> {
  const { values } = resolveSection(SOURCES_SETTINGS, {
    flags: { timeoutMs },
    env: (name) => ctx.io.env(name),
    config: settings.config,
  });
  const http = new HttpClient({
    timeoutMs: values.timeoutMs,
    retries: values.retries,
    breaker: await loadSourceState(),
  });
  return { http, timeoutMs: values.timeoutMs };
}
