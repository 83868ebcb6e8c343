/**
 * The ceiling of a runtime's HTTP server for bench/server.ts: `Deno.serve` or `Bun.serve` answering each file's
 * bytes at `/<file name>` with the headers a cached starmap read carries (in the form the runtime writes
 * fastest), after the least work any server with ETags does per request (read the path and `If-None-Match`),
 * and nothing else: no limits, no metrics, no router. starmap cannot be faster than this on the same runtime.
 *
 * With `--raw` (Deno), the ceiling of any server written in JavaScript on Deno's TCP listener, as starmap's own
 * HTTP/1.1 server is: `Deno.listen`, each request's head read until its blank line and its path looked up, one
 * prepared `Uint8Array` (status line, the same headers, body) written per request, keep-alive; no parsing beyond
 * that, no timeouts, no limits.
 *
 * Run: deno run -A bench/bare_server.ts [--raw] <file>...   or   bun bench/bare_server.ts <file>...
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

const argv = g.Deno?.args ?? g.process?.argv.slice(2) ?? [];
const raw = argv.includes("--raw");
const files = argv.filter((a) => a !== "--raw");
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

/** The raw-TCP ceiling: one prepared answer per path, written whole for each head read. */
function serveRaw(): void {
  const encoder = new TextEncoder();
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  const answers = new Map(files.map((f) => {
    const body = encoder.encode(readFileSync(f, "utf8"));
    const top = encoder.encode(`HTTP/1.1 200 OK\r\n${head}content-length: ${body.length}\r\n\r\n`);
    const whole = new Uint8Array(top.length + body.length);
    whole.set(top);
    whole.set(body, top.length);
    return [`/${basename(f)}` as string, whole] as const;
  }));
  const missing = encoder.encode("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n");
  const decoder = new TextDecoder();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const connection = async (conn: Deno.Conn) => {
    const buf = new Uint8Array(16 * 1024);
    let text = "";
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) break;
        text += decoder.decode(buf.subarray(0, n));
        for (let end = text.indexOf("\r\n\r\n"); end >= 0; end = text.indexOf("\r\n\r\n")) {
          const path = text.slice(text.indexOf(" ") + 1, text.indexOf(" ", text.indexOf(" ") + 1));
          text = text.slice(end + 4);
          const answer = answers.get(path) ?? missing;
          for (let at = 0; at < answer.length;) at += await conn.write(answer.subarray(at));
        }
      }
    } catch {
      // the client went away
    } finally {
      conn.close();
    }
  };
  void (async () => {
    for await (const conn of listener) void connection(conn);
  })();
  say(listener.addr.port);
}

const say = (port: number) => console.error(`serving on http://127.0.0.1:${port} (bare)`);
if (g.Deno && raw) serveRaw();
else if (g.Deno) g.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: (a) => say(a.port) }, handler);
else if (g.Bun) say(g.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler }).port);
else throw new Error("needs Deno or Bun");
