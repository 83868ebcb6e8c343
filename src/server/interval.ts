/**
 * Parses durations such as `30s`, `15m`, `6h`, `1d` (or plain milliseconds).
 *
 * @module
 */
import { StarmapError } from "../errors.ts";

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration in milliseconds; a bare number counts in `bareUnit`.
 *
 * @throws {StarmapError} `invalid` naming `what` for anything else.
 */
export function parseInterval(text: string, what = "interval", bareUnit: "ms" | "s" = "ms"): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * units[(match[2] ?? bareUnit).toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new StarmapError("invalid", `${what}: expected a duration like 30s, 15m or 6h, got "${text}"`);
  }
  return Math.round(ms);
}
