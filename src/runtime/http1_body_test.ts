import assert from "node:assert/strict";
import { RequestBody } from "./_http1_body.ts";
import { Inbound } from "./_http1_inbound.ts";
import { parseHead } from "./_http1_parse.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("no 100 Continue after the response's head: the waiting client's body is given up instead", async () => {
  const head = bytes("POST /cost HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\nexpect: 100-continue\r\n\r\n");
  const parsed = parseHead(head, 0, head.length);
  const sent: string[] = [];
  const socket = {
    read: () => new Promise<number | null>(() => {}),
    write: (p: Uint8Array) => Promise.resolve(p.length),
    close: () => {},
  };
  const body = new RequestBody(new Inbound(socket), parsed, (b) => {
    sent.push(new TextDecoder().decode(b));
    return Promise.resolve();
  });
  body.answered = true;
  assert.equal(await body.next(), undefined);
  assert.deepEqual(sent, [], "no interim response in the middle of the final one");
  assert.equal(body.broken, true, "the connection cannot serve another request");
  assert.equal(await body.drain(1024), false);
});
