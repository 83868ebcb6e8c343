/**
 * Request heads for the differential test of the HTTP/1.1 head parser: every head the earlier tests send, and
 * heads written after what real clients send (header names, order and values as curl, wrk, browsers, HTTP
 * libraries and proxies put them on the wire), plus the odd forms a parser must read or refuse the same way:
 * absolute-form targets, IPv6 hosts, many headers, tabs and spaces around values, empty values, duplicated
 * fields, mixed-case names, transfer-coding lists.
 *
 * @module
 */

const MODEL = "/api/v1/models/openai/gpt-4o";
const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nhost: localhost\r\n${extra}\r\n`;

/** The heads the other parser and server tests send (their bodies left out: a head ends at its blank line). */
export const EXISTING_HEADS: string[] = [
  "POST /a?b=1 HTTP/1.1\r\nHost: x.test\r\nContent-Length: 5, 5\r\nX-A:  v \r\n\r\n",
  "GET /caf%C3%A9 HTTP/1.1\r\nhost: x\r\nx-name: café ☕\r\n\r\n",
  "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
  "GET / HTTP/1.0\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
  "PUT / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: Chunked\r\nexpect: 100-continue\r\n\r\n",
  "GET http://Other.test:8080?q=1 HTTP/1.1\r\nhost: x\r\n\r\n",
  "GET /ws HTTP/1.1\r\nhost: x\r\nconnection: keep-alive, Upgrade\r\nupgrade: websocket\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ntransfer-encoding: chunked\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n",
  "POST /update HTTP/1.1\r\nhost: x\\v1\\admin\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x%2Fy\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: [::1]:8080\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: api.example.com:443\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 0x10\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked, gzip\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\nx: a\r\n b\r\n\r\n",
  "GET / HTTP/1.1\r\nhost : x\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\nx: y\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: a\r\nhost: b\r\n\r\n",
  "GET /  HTTP/1.1\r\nhost: x\r\n\r\n",
  "GET nope HTTP/1.1\r\nhost: x\r\n\r\n",
  "POST / HTTP/1.0\r\ntransfer-encoding: chunked\r\n\r\n",
  "GET / HTTP/1.2\r\nhost: x\r\n\r\n",
  "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
  "POST /cost HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\nexpect: 100-continue\r\n\r\n",
  get(MODEL),
  get(MODEL, "connection: close\r\n"),
  `GET ${MODEL} HTTP/1.0\r\nconnection: keep-alive\r\n\r\n`,
  "GET /api/v1/health HTTP/1.0\r\nconnection: keep-alive\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 71\r\n" +
  "expect: 100-continue\r\n\r\n",
  "GET /api/v1/health HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\n",
  get(MODEL, `x-big: ${"a".repeat(2_000)}\r\n`),
  "GARBAGE\r\n\r\n",
  `GET ${MODEL} HTTP/1.1\r\n\r\n`,
  get(MODEL, "x-folded: a\r\n  b\r\n"),
  get(MODEL, "bad name: x\r\n"),
  "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ncontent-length: 5\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip, chunked\r\n\r\n",
  `GET ${MODEL} HTTP/2.0\r\nhost: x\r\n\r\n`,
  `GET http://example.test${MODEL} HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\ncontent-length: 0\r\n\r\n`,
  `HEAD ${MODEL} HTTP/1.1\r\nhost: x\r\n\r\n`,
  get(MODEL, 'if-none-match: "0123456789abcdef-01234567"\r\n'),
  "GET /api/v1/health HTTP/1.1\r\nhost: x\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 40\r\n\r\n",
  "POST /api/v1/models/search HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n",
  "GET /api/v1/events HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\n" +
  "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\nx-forwarded-for: 203.0.113.9\r\n\r\n",
];

/** Heads as real clients and proxies send them, and the odd forms around them. */
export const WRITTEN_HEADS: string[] = [
  // wrk 4.x (its default request: the target and a Host with the port, nothing else)
  `GET ${MODEL} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n`,
  // curl 8.x
  `GET ${MODEL} HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n`,
  "POST /api/v1/cost HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n" +
  "Content-Type: application/json\r\nContent-Length: 42\r\n\r\n",
  // curl through a proxy: absolute-form, Proxy-Connection
  "GET http://api.example.com/api/v1/models?limit=5 HTTP/1.1\r\nHost: api.example.com\r\n" +
  "User-Agent: curl/8.5.0\r\nAccept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
  // Chrome
  `GET ${MODEL} HTTP/1.1\r\nHost: localhost:8080\r\nConnection: keep-alive\r\n` +
  'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"\r\nsec-ch-ua-mobile: ?0\r\n' +
  'sec-ch-ua-platform: "Linux"\r\nUpgrade-Insecure-Requests: 1\r\n' +
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n" +
  "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8\r\n" +
  "Sec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-User: ?1\r\nSec-Fetch-Dest: document\r\n" +
  "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9,fr;q=0.8\r\n" +
  'If-None-Match: "0123456789abcdef-01234567"\r\n\r\n',
  // Firefox
  "GET /api/v1/models?provider=anthropic HTTP/1.1\r\nHost: localhost:8080\r\n" +
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0\r\n" +
  "Accept: application/json, text/plain, */*\r\nAccept-Language: en-US,en;q=0.5\r\n" +
  "Accept-Encoding: gzip, deflate, br\r\nOrigin: http://localhost:3000\r\nConnection: keep-alive\r\n" +
  "Referer: http://localhost:3000/\r\nSec-Fetch-Dest: empty\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Site: same-site\r\n" +
  "Priority: u=4\r\nPragma: no-cache\r\nCache-Control: no-cache\r\n\r\n",
  // Safari
  "GET /api/v1/docs HTTP/1.1\r\nHost: localhost:8080\r\n" +
  "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\nSec-Fetch-Site: none\r\n" +
  "Cookie: session=abc123; theme=dark\r\nSec-Fetch-Dest: document\r\nAccept-Language: en-GB,en;q=0.9\r\n" +
  "Sec-Fetch-Mode: navigate\r\n" +
  "User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
  "Version/17.4 Safari/605.1.15\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n\r\n",
  // Go net/http, Python requests, Node fetch (undici), Deno fetch
  "GET /api/v1/providers HTTP/1.1\r\nHost: 10.0.0.5:8080\r\nUser-Agent: Go-http-client/1.1\r\nAccept-Encoding: gzip\r\n\r\n",
  "GET /api/v1/models HTTP/1.1\r\nHost: starmap.internal\r\nUser-Agent: python-requests/2.31.0\r\n" +
  "Accept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: keep-alive\r\nAuthorization: Bearer sk-test-123\r\n\r\n",
  "POST /api/v1/models/search HTTP/1.1\r\nhost: localhost:8080\r\nconnection: keep-alive\r\n" +
  "content-type: application/json\r\naccept: */*\r\naccept-language: *\r\nsec-fetch-mode: cors\r\n" +
  "user-agent: node\r\naccept-encoding: gzip, deflate\r\ncontent-length: 27\r\n\r\n",
  "GET /api/v1/health HTTP/1.1\r\naccept: */*\r\naccept-language: *\r\nuser-agent: Deno/2.9.6\r\n" +
  "accept-encoding: gzip,br\r\nhost: 127.0.0.1:8080\r\n\r\n",
  // a reverse proxy (nginx) in front, HTTP/1.0 upstream by default
  `GET ${MODEL} HTTP/1.0\r\nHost: starmap\r\nX-Real-IP: 198.51.100.7\r\n` +
  "X-Forwarded-For: 198.51.100.7, 10.0.0.2\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n",
  `GET ${MODEL} HTTP/1.0\r\nHost: starmap:8080\r\nConnection: keep-alive, TE\r\nTE: trailers\r\n\r\n`,
  // absolute-form and IPv6 hosts
  "GET https://API.Example.com:8443/api/v1/models?limit=1 HTTP/1.1\r\nHost: api.example.com:8443\r\n\r\n",
  "GET HTTP://[2001:db8::1]:8080 HTTP/1.1\r\nHost: [2001:db8::1]:8080\r\n\r\n",
  "GET http://[::ffff:192.0.2.1]/api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET http://example.test#frag HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET ftp://example.test/ HTTP/1.1\r\nHost: x\r\n\r\n",
  "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
  "CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: [fe80::1%25eth0]:80\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: 192.0.2.10:65535\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: example.com:123456\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: example.com:\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n",
  "GET / HTTP/1.1\r\nHost:\r\n\r\n",
  // many headers, odd spacing, tabs, empty values, duplicates, mixed case
  get(MODEL, Array.from({ length: 60 }, (_, i) => `X-Header-${i}: value-${i}\r\n`).join("")),
  "GET /api/v1/models HTTP/1.1\r\nHOST:\tlocalhost\t\r\nX-Empty:\r\nX-Spaces:    \r\nX-Tabs:\t\t\r\n" +
  "x-inner:  a  b\tc  \r\nAccept:*/*\r\n\r\n",
  "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\naccept: application/json\r\n" +
  "ACCEPT: */*\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n",
  "GET /api/v1/models HTTP/1.1\r\nhOsT: x\r\nCoNnEcTiOn: CLOSE\r\nx-ünïcode-name: v\r\n\r\n",
  "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nX-Weird-Token!#$%&'*+-.^_`|~: ok\r\n\r\n",
  'GET /api/v1/models HTTP/1.1\r\nHost: x\r\nX-Quote: "a, b", c\r\nX-Json: {"k": [1, 2]}\r\n\r\n',
  "GET /api/v1/models?q=%E2%98%95&sort=name&order=asc HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /api/v1/models/ä?x=ü HTTP/1.1\r\nHost: x\r\nX-Latin: caf\xe9\r\n\r\n",
  // transfer-coding lists and framing
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: , chunked ,\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked;q=1\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length: 007\r\nContent-Length: 7,7\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000000\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length: 5,\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n",
  "POST /api/v1/cost HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 3\r\n\r\n",
  "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n",
  "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n",
  "GET / HTTP/1.0\r\nConnection: close, keep-alive\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: x\r\nConnection: ,, keep-alive ,close,\r\n\r\n",
  // request lines
  "get / HTTP/1.1\r\nHost: x\r\n\r\n",
  "DELETE /api/v1/admin/cache HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n",
  "M-SEARCH * HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET / http/1.1\r\nHost: x\r\n\r\n",
  "GET / HTTP/1.1 \r\nHost: x\r\n\r\n",
  "GET / HTTP/01.1\r\nHost: x\r\n\r\n",
  "GET / HTTP/0.9\r\nHost: x\r\n\r\n",
  "GET / HTTP/3.0\r\nHost: x\r\n\r\n",
  "GET /\r\n\r\n",
  " GET / HTTP/1.1\r\nHost: x\r\n\r\n",
  "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n",
  "PRI * HTTP/2\r\n\r\n",
];
