import assert from "node:assert/strict";
import { headEnd, HeadError, parseHead } from "./_http1_parse.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function parse(text: string) {
  const b = bytes(text);
  const end = headEnd(b, 0, b.length);
  assert.ok(end > 0, "a whole head");
  return parseHead(b, 0, end);
}

function status(text: string): number {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof HeadError) return error.status;
    throw error;
  }
  return 0;
}

Deno.test("parseHead reads the request line, lower-cased names, framing and keep-alive", () => {
  const h = parse("POST /a?b=1 HTTP/1.1\r\nHost: x.test\r\nContent-Length: 5, 5\r\nX-A:  v \r\n\r\n");
  assert.deepEqual([h.method, h.target, h.host, h.minor], ["POST", "/a?b=1", "x.test", 1]);
  assert.deepEqual(h.headers, [["host", "x.test"], ["content-length", "5, 5"], ["x-a", "v"]]);
  assert.equal(h.contentLength, 5, "equal copies of Content-Length are one length");
  assert.equal(h.keepAlive, true);
  const utf8 = parse("GET /caf%C3%A9 HTTP/1.1\r\nhost: x\r\nx-name: café ☕\r\n\r\n");
  assert.deepEqual(utf8.headers[1], ["x-name", "café ☕"], "a head with other than ASCII is read as UTF-8");
  const old = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
  assert.deepEqual([old.minor, old.keepAlive, old.host], [0, true, "localhost"]);
  assert.equal(parse("GET / HTTP/1.0\r\n\r\n").keepAlive, false);
  assert.equal(parse("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").keepAlive, false);
  const chunked = parse(
    "PUT / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: Chunked\r\nexpect: 100-continue\r\n\r\n",
  );
  assert.deepEqual([chunked.chunked, chunked.contentLength, chunked.expectContinue], [true, -1, true]);
  const absolute = parse("GET http://Other.test:8080?q=1 HTTP/1.1\r\nhost: x\r\n\r\n");
  assert.deepEqual([absolute.host, absolute.target], ["Other.test:8080", "/?q=1"]);
  const ws = parse(
    "GET /ws HTTP/1.1\r\nhost: x\r\nconnection: keep-alive, Upgrade\r\nupgrade: websocket\r\n\r\n",
  );
  assert.equal(ws.upgrade, true);
});

Deno.test("parseHead refuses what two parsers could read differently", () => {
  assert.equal(
    status("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ntransfer-encoding: chunked\r\n\r\n"),
    400,
  );
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n"), 400);
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n"), 400);
  // A Host the URL parser would read as part of the path (a backslash is a separator to it) is refused.
  assert.equal(status("POST /update HTTP/1.1\r\nhost: x\\v1\\admin\r\n\r\n"), 400);
  assert.equal(status("GET / HTTP/1.1\r\nhost: x%2Fy\r\n\r\n"), 400);
  assert.equal(
    status("GET / HTTP/1.1\r\nhost: [::1]:8080\r\n\r\n"),
    0,
    "an IPv6 literal with a port is a Host",
  );
  assert.equal(status("GET / HTTP/1.1\r\nhost: api.example.com:443\r\n\r\n"), 0);
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 0x10\r\n\r\n"), 400);
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked, gzip\r\n\r\n"), 501);
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\r\nx: a\r\n b\r\n\r\n"), 400, "obs-fold");
  assert.equal(status("GET / HTTP/1.1\r\nhost : x\r\n\r\n"), 400, "space before the colon");
  assert.equal(status("GET / HTTP/1.1\r\nhost: x\nx: y\r\n\r\n"), 400, "a bare LF");
  assert.equal(status("GET / HTTP/1.1\r\nhost: a\r\nhost: b\r\n\r\n"), 400, "two Hosts");
  assert.equal(status("GET /  HTTP/1.1\r\nhost: x\r\n\r\n"), 400);
  assert.equal(status("GET nope HTTP/1.1\r\nhost: x\r\n\r\n"), 400);
  assert.equal(status("POST / HTTP/1.0\r\ntransfer-encoding: chunked\r\n\r\n"), 400, "no chunked in 1.0");
  assert.equal(status("GET / HTTP/1.2\r\nhost: x\r\n\r\n"), 505);
  assert.equal(status("PRI * HTTP/2.0\r\n\r\n"), 505);
});
