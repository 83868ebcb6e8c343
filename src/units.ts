/**
 * The one duration syntax of every setting and flag, as an import-free module so that flag parsers can use it
 * without loading schemas.
 *
 * @module
 */

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration in milliseconds: `250ms`, `30s`, `15m`, `6h`, `1d`; a bare number counts seconds (as `sleep` and
 * `timeout` do). `NaN` for anything else, so that the caller reports it in its own terms.
 *
 * @example
 * ```ts
 * durationMs("90s"); // 90000
 * durationMs("2"); // 2000
 * ```
 */
export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * units[(match[2] ?? "s").toLowerCase()]! : NaN;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : NaN;
}

/** How the duration syntax is described in help and errors. */
export const DURATION_SYNTAX = "a duration like 90 (seconds), 500ms, 30s, 15m or 6h";
