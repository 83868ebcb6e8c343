/**
 * A fake upstream for source tests: a real HTTP server on 127.0.0.1 (port 0) whose handler the test gives, with
 * the requests it received recorded.
 *
 * @module
 */

/** A running fake upstream. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests received, in order (URL and headers, readable after the response). */
  requests: { url: string; headers: Headers }[];
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts a fake upstream with a handler that sees each request and its index. */
export function serve(handler: (req: Request, n: number) => Response | Promise<Response>): FakeUpstream {
  const requests: { url: string; headers: Headers }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    requests.push({ url: req.url, headers: new Headers(req.headers) });
    return handler(req, requests.length - 1);
  });
  const addr = server.addr as Deno.NetAddr;
  return { url: `http://127.0.0.1:${addr.port}`, requests, close: () => server.shutdown() };
}

/** Reads a fixture of `tests/fixtures/sources/` as text. */
export function fixture(path: string): Promise<string> {
  return Deno.readTextFile(new URL(`../fixtures/sources/${path}`, import.meta.url));
}

/** A JSON response. */
export function json(value: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(value), {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> ?? {}) },
  });
}
