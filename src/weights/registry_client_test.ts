import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isStarmapError } from "../errors.ts";
import { type RegistryServer, type ServeOptions, serveRegistry } from "../../tests/helpers/weights_server.ts";
import { defaultRetryPolicy, registryEndpoint, registryHttp } from "./_http.ts";
import { pack } from "./_packer.ts";
import { parseIndex, RegistryClient, resolveVersion } from "./_registry_client.ts";

/** Real files to publish: the captured models.dev data of the sources tests. */
const FILES = fileURLToPath(new URL("../../tests/fixtures/sources/models.dev/", import.meta.url));
const CHUNK = 256 * 1024;

interface Published {
  dir: string;
  manifestHash: string;
}

/** Packs the real files into a registry directory (256 KiB chunks), as `latest` too. */
async function publish(): Promise<Published> {
  const dir = await mkdtemp(join(tmpdir(), "starmap-registry-"));
  const { manifestHash } = await pack({
    dir: FILES,
    out: dir,
    ref: "acme/models-dev",
    version: "1.0",
    alias: "latest",
    chunkSize: CHUNK,
  });
  return { dir, manifestHash };
}

function client(url: string, token?: string, notes: string[] = []): RegistryClient {
  const policy = { ...defaultRetryPolicy, retries: 1, baseDelayMs: 10 };
  return new RegistryClient(registryEndpoint(url, token), registryHttp(policy), {
    stallMs: 5_000,
    note: (m) => notes.push(m),
  });
}

async function withRegistry(
  options: ServeOptions,
  fn: (server: RegistryServer, published: Published) => Promise<void>,
): Promise<void> {
  const published = await publish();
  const server = serveRegistry({ dir: published.dir }, undefined, options);
  try {
    await fn(server, published);
  } finally {
    await server.close();
    await rm(published.dir, { recursive: true });
  }
}

async function text(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

const signal = new AbortController().signal;

Deno.test("the client reads the index and a verified manifest under its base URL, with its credentials", async () => {
  await withRegistry({ prefix: "/v1/", authorization: `Basic ${btoa("me:pa ss")}` }, async (server, pub) => {
    const registry = client(server.url.replace("http://", "http://me:pa%20ss@"));
    assert.equal(registry.shown, server.url, "messages show the base URL without credentials");
    const index = await registry.index(signal);
    const resolved = resolveVersion(index, "acme", "models-dev", "latest");
    assert.equal(resolved.version, "1.0");
    assert.equal(resolved.hash, pub.manifestHash);
    const { manifest, bytes } = await registry.manifest(resolved.hash, signal);
    assert.deepEqual(bytes, new Uint8Array(await readFile(join(pub.dir, "data", pub.manifestHash))));
    assert.deepEqual(manifest.files.map((f) => f.path).sort(), [
      "api.json",
      "models.dev-f3fc692.tar.gz",
      "models.json",
    ]);
    assert.deepEqual(server.log.map((r) => r.path), ["models.json", `data/${pub.manifestHash}`]);

    const anonymous = client(server.url);
    await assert.rejects(
      anonymous.index(signal),
      (e) => isStarmapError(e, "network") && /401/.test(e.message),
    );
    const bearer = client(server.url.replace("http://", "http://me:pa%20ss@"), "t0ken");
    await assert.rejects(bearer.index(signal), /401/, "a token wins over the URL's user and password");
    assert.equal(server.log.at(-1)?.authorization, "Bearer t0ken");
  });
});

Deno.test("a manifest whose bytes do not hash to its name is a verification error", async () => {
  await withRegistry({}, async (server, pub) => {
    server.setFaults((path) => path === `data/${pub.manifestHash}` ? { kind: "corrupt" } : undefined);
    await assert.rejects(
      client(server.url).manifest(pub.manifestHash, signal),
      (e) => isStarmapError(e, "verification") && /SHA-256 is [0-9a-f]{64}, expected/.test(e.message),
    );
  });
});

Deno.test("a chunk opens from a byte offset with Range, and from 0 when the server ignores Range", async () => {
  for (const ranges of [true, false]) {
    await withRegistry({ ranges }, async (server, pub) => {
      const registry = client(server.url);
      const { manifest } = await registry.manifest(pub.manifestHash, signal);
      const hash = manifest.chunks[0]!;
      const whole = new Uint8Array(await readFile(join(pub.dir, "data", hash)));
      assert.equal(whole.length, CHUNK);
      const from = 100_000;
      const opened = await registry.chunk(hash, whole.length, from, signal);
      assert.equal(opened.start, ranges ? from : 0);
      assert.deepEqual(await text(opened.body), whole.subarray(opened.start));
      assert.equal(server.log.at(-1)?.range, `bytes=${from}-`);
    });
  }
});

Deno.test("a chunk larger than its size is cut off by the size cap", async () => {
  await withRegistry({}, async (server, pub) => {
    const registry = client(server.url);
    const { manifest } = await registry.manifest(pub.manifestHash, signal);
    const hash = manifest.chunks[0]!;
    const opened = registry.chunk(hash, CHUNK - 1, 0, signal).then((c) => text(c.body));
    await assert.rejects(opened, (e) => isStarmapError(e));
  });
});

Deno.test("parseIndex skips each malformed entry with a note and keeps the rest", () => {
  const notes: string[] = [];
  const good = "a".repeat(64);
  const index = parseIndex(
    {
      acme: {
        tiny: { "1.0": { hash: good }, latest: { alias: "1.0" }, "bad/ver": { hash: good }, none: {} },
        "../up": { "1.0": { hash: good } },
      },
      ".hidden": {},
      broken: [],
    },
    "test",
    (m) => notes.push(m),
  );
  assert.deepEqual(index, { acme: { tiny: { "1.0": { hash: good }, latest: { alias: "1.0" } } } });
  // The two bad versions, the model and the group with unsafe names, and the group that is not an object.
  assert.equal(notes.length, 5, notes.join("\n"));
  assert.throws(() => parseIndex([], "test", () => {}), (e) => isStarmapError(e, "verification"));
});

Deno.test("resolveVersion follows aliases, names near misses and refuses cycles", () => {
  const hash = "b".repeat(64);
  const index = parseIndex(
    {
      acme: {
        tiny: { "1.0": { hash }, "1.1": { hash }, latest: { alias: "stable" }, stable: { alias: "1.1" } },
        loop: { a: { alias: "b" }, b: { alias: "a" } },
      },
    },
    "test",
    () => {},
  );
  assert.equal(resolveVersion(index, "acme", "tiny", "latest").version, "1.1");
  assert.throws(
    () => resolveVersion(index, "acme", "tiyn", "1.0"),
    (e) => isStarmapError(e, "not_found") && e.suggestions.includes("acme/tiny"),
  );
  assert.throws(
    () => resolveVersion(index, "acme", "tiny", "1.2"),
    (e) => isStarmapError(e, "not_found") && e.suggestions.includes("1.1"),
  );
  assert.throws(
    () => resolveVersion(index, "acme", "loop", "a"),
    (e) => isStarmapError(e, "verification") && /alias cycle/.test(e.message),
  );
});
