/**
 * The ceiling of a runtime's HTTP server for bench/server.ts: `Deno.serve` or `Bun.serve` answering each file's
 * bytes at `/<file name>` with the headers a cached starmap read carries (in the form the runtime writes
 * fastest), after the least work any server with ETags does per request (read the path and `If-None-Match`),
 * and nothing else: no limits, no metrics, no router. starmap cannot be faster than this on the same runtime.
 *
 * Run: deno run -A bench/bare_server.ts <file>...   or   bun bench/bare_server.ts <file>...
 * It prints "serving on http://127.0.0.1:<port> " to stderr, as `starmap serve` does.
 */
// deno-lint-ignore-file no-console
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const g = globalThis as {
  Deno?: {
    args: string[];
    serve(o: { hostname: string; port: number; onListen(a: { port: number }): void }, h: Handler): void;
  };
  Bun?: { serve(o: { hostname: string; port: number; fetch: Handler }): { port: number } };
  process?: { argv: string[] };
};
type Handler = (request: Request) => Response;

const files = g.Deno?.args ?? g.process?.argv.slice(2) ?? [];
if (!files.length) throw new Error("usage: bare_server.ts <file>...");
const etag = '"0123456789abcdef-01234567"';
const headers = {
  "content-type": "application/json; charset=utf-8",
  etag,
  "cache-control": "public, max-age=60",
  "x-catalog-version": "0123456789abcdef",
  "x-content-type-options": "nosniff",
};
// Each runtime's fastest form of a constant answer: a string and a record on Deno, a Blob and Headers on Bun.
const prepare = (text: string) => g.Bun ? new Blob([new TextEncoder().encode(text)]) : text;
const init = { headers: g.Bun ? new Headers(headers) : headers };
const bodies = new Map(files.map((f) => [`/${basename(f)}`, prepare(readFileSync(f, "utf8"))]));

const handler: Handler = (request) => {
  const url = request.url;
  const body = bodies.get(url.slice(url.indexOf("/", url.indexOf("://") + 3)));
  if (body === undefined) return new Response(null, { status: 404 });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, init);
};

const say = (port: number) => console.error(`serving on http://127.0.0.1:${port} (bare)`);
if (g.Deno) g.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: (a) => say(a.port) }, handler);
else if (g.Bun) say(g.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler }).port);
else throw new Error("needs Deno or Bun");
