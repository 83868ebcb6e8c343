/**
 * SHA-256 with Web Crypto, and the check that a hash is safe to use as a file name.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { StarmapError } from "../errors.ts";

const HEX = /^[0-9a-f]{64}$/;

/** Tells whether a value is a SHA-256 hash written as 64 lowercase hex digits. */
export function isHash(value: unknown): value is string {
  return typeof value === "string" && HEX.test(value);
}

/** Returns `value` when it is 64 lowercase hex digits. @throws {StarmapError} `verification` otherwise. */
export function checkHash(value: unknown, what: string): string {
  if (isHash(value)) return value;
  throw new StarmapError("verification", `${what}: "${String(value).slice(0, 80)}" is not a SHA-256 hash`);
}

/** An incremental SHA-256 (fed piece by piece as bytes stream; never holds them). */
export interface Sha256 {
  /** Adds bytes. */
  update(bytes: Uint8Array): void;
  /** The digest as 64 lowercase hex digits (the hasher is done afterwards). */
  hex(): string;
}

/** Starts an incremental SHA-256 (`node:crypto`, shared by every runtime). */
export function sha256(): Sha256 {
  const h = createHash("sha256");
  return {
    update: (bytes) => void h.update(bytes),
    hex: () => h.digest("hex"),
  };
}

/** The SHA-256 of bytes as 64 lowercase hex digits (Web Crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let out = "";
  for (const b of digest) out += b.toString(16).padStart(2, "0");
  return out;
}
