/**
 * Reading response bodies under a size cap, and decoding JSON with errors that say what was received.
 *
 * @module
 */

/** Thrown by {@link readCapped} when a body exceeds the cap; the client turns it into a source error. */
export class BodyTooLarge extends Error {
  /** The cap in bytes. */
  readonly cap: number;
  /** Makes the error for a cap. */
  constructor(cap: number) {
    super(`body exceeds the size cap of ${cap} bytes`);
    this.name = "BodyTooLarge";
    this.cap = cap;
  }
}

/** Reads a body stream into bytes, cancelling the stream as soon as it passes `cap` bytes. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => {});
        throw new BodyTooLarge(cap);
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A short printable excerpt of a body for messages. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/**
 * Parses JSON text, or explains what arrived instead: `received HTML instead of JSON ("<!DOCTYPE html>…")` or
 * `received truncated or invalid JSON (1234 bytes: Unexpected end of JSON input)`. Returns the message as `error`.
 */
export function decodeJson(text: string, contentType: string | null): { value: unknown } | { error: string } {
  const start = text.trimStart();
  if (/^</.test(start) || /text\/html/i.test(contentType ?? "")) {
    return { error: `received HTML instead of JSON ("${excerpt(start)}")` };
  }
  if (start === "") return { error: "received an empty body instead of JSON" };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const size = new TextEncoder().encode(text).byteLength;
    return { error: `received truncated or invalid JSON (${size} bytes: ${(error as Error).message})` };
  }
}
