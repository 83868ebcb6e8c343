/**
 * A pull stopped while it waits for another host's lock: nothing was fetched, so there is nothing to resume.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";
import { writeForeignLock } from "./helpers/foreign_lock.ts";

/** Reads a stream until its text matches `pattern`, then to its end; returns both parts. */
async function readAround(
  stream: ReadableStream<Uint8Array>,
  pattern: RegExp,
): Promise<{ head: string; all: Promise<string> }> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = "";
  let done = false;
  while (!done && !pattern.test(text)) {
    const next = await reader.read();
    done = next.done;
    if (next.value) text += dec.decode(next.value, { stream: true });
  }
  const head = text;
  const all = (async () => {
    while (!done) {
      const next = await reader.read();
      done = next.done;
      if (next.value) text += dec.decode(next.value, { stream: true });
    }
    return text;
  })();
  return { head, all };
}

Deno.test("a pull stopped while waiting for another host's lock gives no resume hint and no storage fields", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(10_000, 5)]], 4096);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-lockwait-"));
  try {
    await writeForeignLock(data, 3_600_000);
    const child = spawnCli(["weights", "pull", "acme/tiny", "1", "--json"], cliEnv(data, server.url));
    const stdout = new Response(child.stdout).text();
    const { head, all } = await readAround(child.stderr, /waiting for pid 4242 on another-host\.example/);
    assert.match(head, /waiting for pid 4242 on another-host\.example \(pull acme\/tiny 1\)/);
    child.kill("SIGTERM");
    const { code } = await child.status;
    const stderr = await all;
    assert.equal(code, 143, stderr);
    assert.doesNotMatch(stderr, /resume/, "nothing was fetched: no resume hint");
    const error = JSON.parse(await stdout).error;
    assert.equal(error.message, "interrupted by SIGTERM");
    assert.equal(error.systemCode, undefined, "an interruption is no disk error");
    assert.equal(error.path, undefined);
    assert.equal(error.hint, undefined);
    assert.deepEqual(server.log.filter((r) => r.path.includes("data/")), [], "nothing was fetched");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
