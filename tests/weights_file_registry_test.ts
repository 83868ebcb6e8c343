/**
 * A registry in a directory (a USB disk, a network share, what `weights pack --out` wrote): `--registry ./dir` or
 * a `file:` URL pulls from it without any server, with the same verification, resume and messages.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WeightsManager } from "../src/weights/_manager.ts";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

async function packed(root: string): Promise<{ out: string; bytes: Uint8Array }> {
  const src = join(root, "src");
  await mkdir(join(src, "sub"), { recursive: true });
  const bytes = randomBytes(300_000, 5);
  await writeFile(join(src, "w.bin"), bytes);
  await writeFile(join(src, "sub", "config.json"), '{"a":1}');
  const out = join(root, "reg");
  const env = cliEnv(join(root, "unused"), "http://127.0.0.1:9/");
  const r = await runCli([
    "weights",
    "pack",
    src,
    "acme/disk",
    "1",
    "--out",
    out,
    "--chunk-size",
    "64K",
    "--alias",
    "latest",
  ], env);
  assert.equal(r.code, 0, r.stderr);
  return { out, bytes };
}

Deno.test("pull from a registry directory, by path or file: URL", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-filereg-"));
  try {
    const { out, bytes } = await packed(root);
    const byPath = await runCli(
      ["weights", "pull", "acme/disk", "--json", "--registry", out],
      cliEnv(join(root, "m1"), ""),
    );
    assert.equal(byPath.code, 0, byPath.stderr);
    const result = JSON.parse(byPath.stdout);
    assert.equal(result.version, "1");
    assert.deepEqual(new Uint8Array(await readFile(join(result.path, "w.bin"))), bytes);
    const m = new WeightsManager({ registryUrl: pathToFileURL(out).href, dataDir: join(root, "m2") });
    const pulled = await m.pull("acme/disk", "1");
    assert.equal(pulled.fileCount, 2);
    assert.equal((await m.list({ remote: true })).length, 2, "the version and its alias");
    const missing = await runCli(
      ["weights", "pull", "acme/disk", "--registry", join(root, "nope")],
      cliEnv(join(root, "m3"), ""),
    );
    assert.equal(missing.code, 5, missing.stderr);
    assert.match(missing.stderr, /no weights registry at .*nope: no such directory/);
    assert.match(missing.stderr, /hint: .*weights pack .*--out/);
    // A model's own directory given instead of the registry, and a file.
    const notRegistry = await runCli(
      ["weights", "pull", "acme/disk", "--registry", join(root, "src")],
      cliEnv(join(root, "m3"), ""),
    );
    assert.equal(notRegistry.code, 5, notRegistry.stderr);
    assert.match(notRegistry.stderr, /no weights registry at .*src: no models\.json in it/);
    const file = await runCli(
      ["weights", "list", "--remote", "--json", "--registry", join(root, "src", "w.bin")],
      cliEnv(join(root, "m3"), ""),
    );
    assert.equal(file.code, 5, file.stderr);
    assert.match(JSON.parse(file.stdout).error.message, /w\.bin: not a directory/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

Deno.test("a registry directory answers a range from where a chunk stopped, and 416 past its end", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-filereg-"));
  try {
    const { out } = await packed(root);
    const { fileFetch } = await import("../src/weights/_file_registry.ts");
    const index = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
    const manifest = JSON.parse(await readFile(join(out, "data", index.acme.disk["1"].hash), "utf8"));
    const chunk = new Uint8Array(await readFile(join(out, "data", manifest.chunks[0])));
    const url = pathToFileURL(join(out, "data", manifest.chunks[0])).href;
    const res = await fileFetch(url, { headers: { range: "bytes=1000-" } });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range"), `bytes 1000-${chunk.length - 1}/${chunk.length}`);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), chunk.subarray(1000));
    const whole = await fileFetch(url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get("content-length"), String(chunk.length));
    assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), chunk);
    assert.equal((await fileFetch(pathToFileURL(join(out, "data", "0".repeat(64))).href)).status, 404);
    // A range at or past the end cannot be satisfied: 416 with the size, as an HTTP server answers (not 200).
    for (const from of [chunk.length, chunk.length + 10]) {
      const past = await fileFetch(url, { headers: { range: `bytes=${from}-` } });
      assert.equal(past.status, 416, `bytes=${from}-`);
      assert.equal(past.headers.get("content-range"), `bytes */${chunk.length}`);
      assert.equal((await past.arrayBuffer()).byteLength, 0);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

Deno.test("a damaged chunk in a registry directory fails at once: reading it again gives the same bytes", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-filereg-"));
  try {
    const { out } = await packed(root);
    const index = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
    const manifest = JSON.parse(await readFile(join(out, "data", index.acme.disk["1"].hash), "utf8"));
    const chunk = join(out, "data", manifest.chunks[1]);
    const bytes = new Uint8Array(await readFile(chunk));
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(chunk, bytes);
    const r = await runCli(
      ["weights", "pull", "acme/disk", "1", "--registry", out],
      cliEnv(join(root, "m"), ""),
    );
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /SHA-256 does not match .*\(after 1 attempt\)/);
    assert.doesNotMatch(r.stderr, /retrying/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

Deno.test("the library reads a registry at ~/ from the home directory, as the CLI does", async () => {
  const { registryEndpoint } = await import("../src/weights/_http.ts");
  const before = Deno.env.get("HOME");
  const home = await mkdtemp(join(tmpdir(), "starmap-home-"));
  Deno.env.set("HOME", home);
  try {
    const { base } = registryEndpoint("~/reg");
    assert.equal(base.href, pathToFileURL(join(home, "reg")).href + "/");
  } finally {
    if (before === undefined) Deno.env.delete("HOME");
    else Deno.env.set("HOME", before);
    await rm(home, { recursive: true, force: true });
  }
});
