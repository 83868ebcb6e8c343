/**
 * The client address of a request: the peer's address, or, when the peer is a trusted proxy, the nearest
 * untrusted address of `X-Forwarded-For`. Addresses are matched against CIDR ranges (IPv4 and IPv6).
 *
 * @module
 */
import { StarmapError } from "../errors.ts";

/** One parsed CIDR range: the address as a big integer, its family and prefix length. */
export interface Cidr {
  /** 4 or 6. */
  family: 4 | 6;
  /** The network bits (host bits zeroed). */
  network: bigint;
  /** The prefix length. */
  bits: number;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(part));
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  let head = groups(halves[0]!);
  let tail = halves.length === 2 ? groups(halves[1]!) : [];
  const last = (tail.length ? tail : head).at(-1);
  let v4: bigint | undefined;
  if (last?.includes(".")) {
    v4 = parseV4(last);
    if (v4 === undefined) return undefined;
    if (tail.length) tail = tail.slice(0, -1);
    else head = head.slice(0, -1);
  }
  const width = v4 === undefined ? 8 : 6;
  const missing = width - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return v4 === undefined ? n : (n << 32n) | v4;
}

/** An address as `[family, value]`; IPv4-mapped IPv6 addresses count as IPv4. */
export function parseAddress(text: string): [4 | 6, bigint] | undefined {
  const bare = text.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = parseV4(bare);
  if (v4 !== undefined) return [4, v4];
  const v6 = parseV6(bare);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return [4, v6 & 0xffffffffn];
  return [6, v6];
}

/**
 * Parses `a.b.c.d/n`, `x::y/n` or a bare address.
 *
 * @throws {StarmapError} `invalid` naming the text.
 */
export function parseCidr(text: string): Cidr {
  const [addr, len, extra] = text.trim().split("/");
  const parsed = addr === undefined ? undefined : parseAddress(addr);
  const max = parsed?.[0] === 4 ? 32 : 128;
  const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!parsed || extra !== undefined || !(bits >= 0 && bits <= max)) {
    throw new StarmapError("invalid", `expected an address or CIDR range like 10.0.0.0/8, got "${text}"`);
  }
  const shift = BigInt(max - bits);
  return { family: parsed[0], network: (parsed[1] >> shift) << shift, bits };
}

/** Whether an address lies in any of the ranges. */
export function inRanges(address: string, ranges: readonly Cidr[]): boolean {
  if (!ranges.length) return false;
  const parsed = parseAddress(address);
  if (!parsed) return false;
  const [family, value] = parsed;
  return ranges.some((r) => {
    if (r.family !== family) return false;
    const shift = BigInt((family === 4 ? 32 : 128) - r.bits);
    return (value >> shift) << shift === r.network;
  });
}

/** The loopback ranges (127.0.0.0/8 and ::1), for `--rate-limit-exempt loopback`. */
export const LOOPBACK: readonly Cidr[] = [parseCidr("127.0.0.0/8"), parseCidr("::1")];

/**
 * The client a request comes from. Without trusted proxies it is the peer. When the peer is trusted, the
 * `X-Forwarded-For` list is read right to left and the first address that is not a trusted proxy is the client
 * (addresses a client wrote itself sit further left and are never believed).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null,
  trusted: readonly Cidr[],
): string {
  let client = peer ?? "unknown";
  if (!forwardedFor || !inRanges(client, trusted)) return client;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter((h) => h.length > 0).slice(-32);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!parseAddress(hop)) return client;
    client = hop;
    if (!inRanges(hop, trusted)) return client;
  }
  return client;
}
