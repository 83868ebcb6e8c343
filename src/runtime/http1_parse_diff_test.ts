import assert from "node:assert/strict";
import { headEnd, HeadError, parseHead, type RequestHead } from "./_http1_parse.ts";
import { referenceHeadEnd, referenceParseHead } from "../../tests/helpers/http1_reference_parser.ts";
import { EXISTING_HEADS, WRITTEN_HEADS } from "../../tests/helpers/http1_heads.ts";

type Outcome = RequestHead | number;

/** The head, or the status of its refusal (the reason in `said.reason`). */
function outcome(parse: () => RequestHead, said: { reason?: string } = {}): Outcome {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof HeadError)) throw error;
    said.reason = error.message;
    return error.status;
  }
}

/** A head's header lines as the reference read them: decoded, split on CRLF, the request line left out. */
function referenceLines(head: Uint8Array): string[] {
  return new TextDecoder().decode(head).split("\r\n").slice(1);
}

/** The header values the server acts on: their bytes must be ASCII (see `_http1_parse.ts`). */
const ACTED_ON = new Set(["host", "content-length", "transfer-encoding", "connection", "upgrade"]);

/**
 * Why the byte-level parser may refuse (always with 400) a head the reference read otherwise, or undefined when
 * both must agree: the reference trimmed a bare CR or LF or another control byte off a value's edge (or kept it
 * inside), lower-cased or trimmed obs-text in a value it acts on (a Kelvin sign reads as "k", a no-break space is
 * trimmed), lower-cased a name before checking it (a Kelvin sign in a name became a token's "k"), or dropped a
 * leading byte-order mark before the request line.
 */
function allowedDivergence(head: Uint8Array): [string, string] | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return ["byte-order mark", "malformed request line"];
  }
  for (const line of referenceLines(head)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const value = line.slice(colon + 1);
    if (/[^\0-\x7f]/.test(line.slice(0, colon))) {
      return ["obs-text in a header name", "malformed header field"];
    }
    // deno-lint-ignore no-control-regex
    if (/[\0-\x08\x0a-\x1f\x7f]/.test(value)) return ["control byte in a value", "malformed header value"];
    if (ACTED_ON.has(line.slice(0, colon).toLowerCase()) && /[^\0-\x7f]/.test(value)) {
      return ["obs-text in a value the server acts on", "header value not ASCII"];
    }
  }
  return undefined;
}

/** Tallies of one comparison run. */
interface Tally {
  heads: number;
  accepted: number;
  refused: Record<number, number>;
  diverged: Record<string, number>;
  incomplete: number;
}

/** Parses `bytes` (a head somewhere inside, bytes around it) with both parsers and asserts they agree. */
function compare(bytes: Uint8Array, start: number, end: number, tally: Tally, label: string): void {
  const headAt = headEnd(bytes, start, end);
  assert.equal(headAt, referenceHeadEnd(bytes, start, end), `${label}: where the head ends`);
  tally.heads++;
  if (headAt < 0) return void tally.incomplete++;
  const said: { reason?: string } = {};
  const mine = outcome(() => parseHead(bytes, start, headAt), said);
  const theirs = outcome(() => referenceParseHead(bytes, start, headAt));
  if (typeof mine === "number") tally.refused[mine] = (tally.refused[mine] ?? 0) + 1;
  else tally.accepted++;
  if (mine === 400 && theirs !== 400) {
    // Only where the reference let an ambiguous byte through, and refused for that very byte.
    const [why, reason] = allowedDivergence(bytes.subarray(start, headAt)) ?? [];
    if (why && said.reason === reason) return void (tally.diverged[why] = (tally.diverged[why] ?? 0) + 1);
  }
  assert.deepEqual(
    mine,
    theirs,
    `${label}: ${JSON.stringify(new TextDecoder().decode(bytes.subarray(start, headAt)))}`,
  );
}

function newTally(): Tally {
  return { heads: 0, accepted: 0, refused: {}, diverged: {}, incomplete: 0 };
}

const encode = (text: string) => new TextEncoder().encode(text);

/** `head` at an offset inside a larger buffer, a pipelined request after it, as a connection's buffer holds it. */
function framed(head: Uint8Array, before: number): { bytes: Uint8Array; start: number; end: number } {
  const after = encode("GET /next HTTP/1.1\r\nhost: y\r\n\r\n");
  const bytes = new Uint8Array(before + head.length + after.length);
  bytes.fill(0x41, 0, before);
  bytes.set(head, before);
  bytes.set(after, before + head.length);
  return { bytes, start: before, end: bytes.length };
}

Deno.test("the byte-level parser reads every head of the earlier tests as the reference did", () => {
  const tally = newTally();
  for (const [i, text] of EXISTING_HEADS.entries()) {
    const head = encode(text);
    compare(head, 0, head.length, tally, `existing head ${i}`);
    const f = framed(head, 7);
    compare(f.bytes, f.start, f.end, tally, `existing head ${i} inside a buffer`);
  }
  assert.deepEqual(tally.diverged, {}, "no divergence on the heads of the earlier tests");
  assert.ok(
    tally.accepted > 10 && tally.refused[400]! > 10 && tally.refused[501]! > 0 && tally.refused[505]! > 0,
  );
});

Deno.test("the byte-level parser reads heads of real clients and odd forms as the reference did", () => {
  const tally = newTally();
  for (const [i, text] of WRITTEN_HEADS.entries()) {
    const head = encode(text);
    compare(head, 0, head.length, tally, `written head ${i}`);
    const f = framed(head, 3);
    compare(f.bytes, f.start, f.end, tally, `written head ${i} inside a buffer`);
  }
  assert.deepEqual(tally.diverged, {}, "no divergence on the written heads");
  assert.ok(
    tally.accepted > 40 && tally.refused[400]! > 20 && tally.refused[501]! > 0 && tally.refused[505]! > 0,
  );
});

/** A small seeded generator (mulberry32): the same mutations on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes a mutation puts in: line ends, spaces, NUL and other controls, separators, obs-text, UTF-8 traps. */
const INSERTS: number[][] = [
  [13],
  [10],
  [13, 10],
  [32],
  [9],
  [0],
  [11],
  [12],
  [127],
  [58],
  [44],
  [59],
  [47],
  [63],
  [35],
  [91],
  [93],
  [92],
  [0x80],
  [0xa0],
  [0xe9],
  [0xff],
  [0xc3],
  [0xc2, 0xa0],
  [0xe2, 0x84, 0xaa],
  [0xef, 0xbb, 0xbf],
  [0xe2, 0x80, 0xa8],
  [48],
  [57],
  [65],
  [107],
  [75],
  [34],
  [37],
];

function mutate(head: Uint8Array, next: () => number): Uint8Array {
  const bytes = [...head];
  const pick = (n: number) => Math.floor(next() * n);
  const at = () => pick(Math.max(1, bytes.length - 2));
  const steps = 1 + pick(3);
  for (let s = 0; s < steps; s++) {
    const kind = pick(6);
    if (kind === 0) bytes[at()] = pick(256);
    else if (kind === 1) bytes[at()] = INSERTS[pick(INSERTS.length)]![0]!;
    else if (kind === 2) bytes.splice(at(), 0, ...INSERTS[pick(INSERTS.length)]!);
    else if (kind === 3) bytes.splice(at(), 1 + pick(3));
    else if (kind === 4) {
      // a whole line again, somewhere else
      const text = String.fromCharCode(...bytes);
      const lines = text.split("\r\n").filter((l) => l !== "");
      const line = lines[pick(lines.length)] ?? "";
      const ends = [...text.matchAll(/\r\n/g)].map((m) => m.index! + 2);
      bytes.splice(ends[pick(ends.length)] ?? 0, 0, ...[...`${line}\r\n`].map((c) => c.charCodeAt(0)));
    } else {
      const i = at(); // a letter's case swapped
      if (/[A-Za-z]/.test(String.fromCharCode(bytes[i]!))) bytes[i]! ^= 0x20;
    }
  }
  return Uint8Array.from(bytes);
}

Deno.test("the byte-level parser agrees with the reference on 24,000 seeded mutations of those heads", () => {
  const heads = [...EXISTING_HEADS, ...WRITTEN_HEADS].map(encode);
  const next = random(0x5eed);
  const tally = newTally();
  for (let round = 0; round < 24_000; round++) {
    const i = round % heads.length;
    const mutant = mutate(heads[i]!, next);
    compare(mutant, 0, mutant.length, tally, `mutation ${round} of head ${i}`);
    const f = framed(mutant, round % 5);
    compare(f.bytes, f.start, f.end, tally, `mutation ${round} of head ${i} inside a buffer`);
  }
  // The mutations reach every outcome: accepted, each refusal, heads cut short, and each allowed divergence.
  assert.ok(tally.accepted > 2_000, `accepted ${tally.accepted}`);
  assert.ok(tally.refused[400]! > 5_000 && tally.refused[501]! > 50 && tally.refused[505]! > 50);
  assert.ok(tally.incomplete > 100, `incomplete ${tally.incomplete}`);
  for (const why of ["control byte in a value", "obs-text in a value the server acts on"]) {
    assert.ok((tally.diverged[why] ?? 0) > 10, `${why}: ${tally.diverged[why] ?? 0}`);
  }
});

Deno.test("the divergences are refusals where the reference let an ambiguous byte through", () => {
  const accept = (bytes: Uint8Array) => referenceParseHead(bytes, 0, bytes.length);
  const status = (bytes: Uint8Array) => outcome(() => parseHead(bytes, 0, bytes.length));
  const cases: [string, Uint8Array][] = [
    ["a bare CR at a value's end", encode("GET / HTTP/1.1\r\nhost: x\r\r\n\r\n")],
    ["a bare LF at a value's start", encode("GET / HTTP/1.1\r\nhost: x\r\nx:\n y\r\n\r\n")],
    ["a vertical tab around a length", encode("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: \v5\r\n\r\n")],
    [
      "a Kelvin sign in chunked",
      encode("POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chun\u212aed\r\n\r\n"),
    ],
    [
      "a no-break space in a length list",
      encode("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 5,\u00a05\r\n\r\n"),
    ],
    ["a byte-order mark first", encode("\ufeffGET / HTTP/1.1\r\nhost: x\r\n\r\n")],
  ];
  for (const [name, bytes] of cases) {
    assert.doesNotThrow(() => accept(bytes), `the reference accepted ${name}`);
    assert.equal(status(bytes), 400, name);
  }
});
