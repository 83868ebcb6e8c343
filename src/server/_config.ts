/**
 * How the server reads its rate and address-range settings.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { type Cidr, LOOPBACK, parseCidr } from "./_client_address.ts";

/**
 * Parses a rate such as `120`, `120/min`, `2/s` or `1000/h` into requests per minute.
 *
 * @returns `undefined` for text that is not a rate.
 */
export function perMinute(text: string | number): number | undefined {
  if (typeof text === "number") return text > 0 ? text : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? "min").toLowerCase();
  const factor = unit.startsWith("s") ? 60 : unit.startsWith("h") ? 1 / 60 : 1;
  const n = Number(m[1]) * factor;
  return n > 0 ? n : undefined;
}

/**
 * Parses CIDR ranges from flag or config values (comma-separated or repeated); `loopback` stands for
 * 127.0.0.0/8 and ::1.
 *
 * @throws {StarmapError} `invalid` naming `what` and the bad range.
 */
export function parseRanges(values: readonly string[], what: string): Cidr[] {
  const out: Cidr[] = [];
  for (const text of values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean)) {
    if (text === "loopback") out.push(...LOOPBACK);
    else {
      try {
        out.push(parseCidr(text));
      } catch (error) {
        throw new StarmapError("invalid", `${what}: ${(error as Error).message}`);
      }
    }
  }
  return out;
}
