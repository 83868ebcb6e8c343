/**
 * The JavaScript cost of one cached read on starmap's own HTTP/1.1 server, without the kernel: connections
 * served by `serveConnection` over in-memory sockets (every read gives one request head, every write is taken
 * whole at once), the app's fast entry answering from its cache, 50 connections at a time as wrk keeps them.
 * Beside it, the floor of any server in JavaScript on the same sockets: find the head's end, look its path up,
 * write one prepared buffer (what the raw-TCP row of bench/server.ts does). Prints microseconds per request for
 * the heads of wrk, curl and a browser; asserts nothing. On a real socket the write of the answer costs several
 * times this (bench/server.ts measures that).
 *
 * Run: deno run -A bench/http1_hot_path.ts [--requests 300000] [--rounds 5]
 */
// deno-lint-ignore-file no-console
import { parseArgs } from "node:util";
import { Connection, serveConnection } from "../src/runtime/_http1_conn.ts";
import type { Socket } from "../src/runtime/_http1_inbound.ts";
import { createApp } from "../src/server/_app.ts";
import { snapshotBackend } from "../src/server/_backend.ts";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { WRITTEN_HEADS } from "../tests/helpers/http1_heads.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "300000" }, rounds: { type: "string", default: "5" } },
});
const total = Number(values.requests);
const rounds = Number(values.rounds);
const CONNECTIONS = 50;
const MODEL = "/api/v1/models/openai/gpt-4o";

const app = createApp({ backend: snapshotBackend(embeddedCatalog()) });
const handlers = {
  fast: app.fast,
  fetch: (request: Request, clientIp: string) => app.fetch(request, { clientIp }),
  upgrade: () => Promise.resolve(),
};
const limits = { idleMs: 5000, headMs: 10_000 };

/** A socket that gives `head` on each of `count` reads, then the end of the stream, and takes every write whole. */
function socket(head: Uint8Array, count: number): Socket {
  let left = count;
  return {
    read: (p) => {
      if (left-- <= 0) return Promise.resolve(null);
      p.set(head);
      return Promise.resolve(head.length);
    },
    write: (p) => Promise.resolve(p.length),
    close: () => {},
  };
}

/** The floor: each read's head found, its path looked up, one prepared buffer written. */
async function floorConnection(s: Socket, answers: Map<string, Uint8Array>): Promise<void> {
  const buf = new Uint8Array(16 * 1024);
  const decoder = new TextDecoder();
  for (let n = await s.read(buf); n !== null; n = await s.read(buf)) {
    const text = decoder.decode(buf.subarray(0, n));
    if (text.indexOf("\r\n\r\n") < 0) continue;
    const a = text.indexOf(" ");
    await s.write(answers.get(text.slice(a + 1, text.indexOf(" ", a + 1)))!);
  }
}

async function perRequest(serveOne: (s: Socket) => Promise<void>, head: Uint8Array): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, () => serveOne(socket(head, Math.ceil(total / CONNECTIONS)))),
    );
    best = Math.min(best, ((performance.now() - start) * 1000) / total);
  }
  return best;
}

const heads: [string, string][] = [
  ["wrk", `GET ${MODEL} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n`],
  ["curl", WRITTEN_HEADS[1]!],
  ["browser", WRITTEN_HEADS[4]!],
];
const first = await app.request(MODEL);
const answer = new Uint8Array(await first.arrayBuffer());
const answers = new Map([[MODEL, answer]]);
console.log(
  `HTTP/1.1 hot path in JavaScript (in-memory sockets, ${CONNECTIONS} connections, ${total} requests, best of ${rounds})`,
);
for (const [name, text] of heads) {
  const head = new TextEncoder().encode(text);
  const starmap = await perRequest(
    (s) => serveConnection(new Connection(s, "127.0.0.1"), handlers, limits),
    head,
  );
  const floor = await perRequest((s) => floorConnection(s, answers), head);
  console.log(
    `  ${name.padEnd(8)} ${head.length.toString().padStart(4)} B head   starmap ${
      starmap.toFixed(3)
    } µs/req   ` +
      `floor ${floor.toFixed(3)} µs/req   difference ${(starmap - floor).toFixed(3)} µs`,
  );
}
