/**
 * The `server:` section of the configuration file.
 *
 * @module
 */
import { z } from "zod";
import { StarmapError } from "../errors.ts";
import { type Cidr, LOOPBACK, parseCidr } from "./_client_address.ts";
import type * as Types from "./types.gen.ts";

/** Settings of `starmap serve` (flags and `HOST`/`PORT` win over these). */
export const ServerConfig = z.strictObject({
  /** Interface to listen on. */
  host: z.string().min(1).optional(),
  /** Port to listen on. */
  port: z.number().int().min(0).max(65535).optional(),
  /** Path prefix of every route. */
  prefix: z.string().optional(),
  /** The environment variable holding the admin API key. */
  authKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name")
    .optional(),
  /** Origins allowed by CORS (`*` for any). */
  cors: z.array(z.string().min(1)).optional(),
  /** Requests per minute per client (`120`, `120/min`, `2/s`). */
  rateLimit: z.union([z.number().int().positive(), z.string()]).optional(),
  /** Client ranges (CIDR, or `loopback`) the rate limit does not count; none unless given. */
  rateLimitExempt: z.array(z.string().min(1)).optional(),
  /** Proxy ranges (CIDR) whose `X-Forwarded-For` names the client. */
  trustProxy: z.array(z.string().min(1)).optional(),
  /** Update interval (`15m`, `6h`). */
  autoUpdate: z.string().optional(),
  /** Redis URL of the fleet (`redis://host:6379/0`, `rediss://` for TLS). */
  redis: z.string().min(1).optional(),
});
/** Settings of `starmap serve`. */
export type ServerConfig = Types.ServerConfig;

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
