import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStarmapError } from "../src/errors.ts";
import { WeightsManager } from "../src/weights/_manager.ts";
import { MemoryRegistry, serveRegistry, utf8 } from "./helpers/weights_server.ts";

/** Every kind of unsafe manifest path the issue lists, and a few Windows tricks beside them. */
const UNSAFE = [
  "/etc/passwd", // absolute POSIX
  "\\Windows\\win.ini", // absolute Windows (rooted)
  "C:\\evil.txt", // drive letter with backslash
  "C:/evil.txt", // drive letter with slash
  "c:evil.txt", // drive-relative
  "\\\\server\\share\\evil", // UNC
  "//server/share/evil", // UNC with slashes
  "a\\..\\..\\evil", // backslash traversal
  "..", // parent
  "../evil", // parent first
  "a/../../evil", // parent inside
  ".", // current
  "./a", // current first
  "a//b", // empty segment
  "", // empty path
  "a/", // trailing empty segment
  "a\u0000b", // NUL
  "a/b.", // Windows would strip the dot
  "a/b ", // Windows would strip the space
  "NUL.txt", // reserved device name
  "file.txt:stream", // alternate data stream
];

async function pullError(reg: MemoryRegistry, data: string, ref: string, version: string): Promise<Error> {
  const server = serveRegistry({ objects: reg.objects });
  try {
    await new WeightsManager({ registryUrl: server.url, dataDir: data, retry: { baseDelayMs: 1 } }).pull(
      ref,
      version,
    );
  } catch (error) {
    return error as Error;
  } finally {
    await server.close();
  }
  assert.fail("the pull succeeded");
}

async function userEntries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith("."));
}

for (const path of UNSAFE) {
  Deno.test(`manifest path ${JSON.stringify(path)} is rejected and nothing is written`, async () => {
    const reg = new MemoryRegistry();
    const chunk = await reg.chunk(utf8("pwned"));
    await reg.manifest("acme/evil", "1", {
      total_size: 5,
      chunk_size: 5,
      chunks: [chunk],
      files: [{ path: "ok.txt", size: 0 }, { path, size: 5 }],
    });
    const data = await mkdtemp(join(tmpdir(), "starmap-paths-"));
    try {
      const error = await pullError(reg, data, "acme/evil", "1");
      assert.ok(isStarmapError(error, "verification"), String(error));
      assert.deepEqual(await userEntries(data), []);
      assert.deepEqual(await readdir(join(data, ".cache", "chunks")).catch(() => []), []);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
}

Deno.test("unsafe version names from an alias, and unsafe names from the user, are rejected", async () => {
  const reg = new MemoryRegistry();
  reg.entry("acme/evil", "latest", { alias: "../../x" });
  reg.entry("acme/evil", "2", { alias: "C:x" });
  const data = await mkdtemp(join(tmpdir(), "starmap-paths-"));
  try {
    for (const version of ["latest", "2"]) {
      const error = await pullError(reg, data, "acme/evil", version);
      assert.ok(isStarmapError(error, "verification"), String(error));
    }
    for (
      const [ref, version] of [["acme/..", "1"], ["acme/evil", ".."], ["acme/a\\b", "1"], [".hidden/x", "1"]]
    ) {
      const error = await pullError(reg, data, ref!, version!);
      // A name the user typed is a mistake in the input (exit 2), not a hostile registry.
      assert.ok(isStarmapError(error, "invalid"), `${ref} ${version}: ${error}`);
    }
    assert.deepEqual(await userEntries(data), []);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a symlink in the models directory is not followed", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/evil", "1", [["w.bin", utf8("data")]], 4);
  const data = await mkdtemp(join(tmpdir(), "starmap-paths-"));
  const outside = await mkdtemp(join(tmpdir(), "starmap-outside-"));
  try {
    await Deno.mkdir(join(data, "acme"));
    await symlink(outside, join(data, "acme", "evil"));
    const error = await pullError(reg, data, "acme/evil", "1");
    assert.ok(isStarmapError(error, "verification"), String(error));
    assert.match(error.message, /symlink/);
    assert.deepEqual(await readdir(outside), []);
  } finally {
    await rm(data, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});

Deno.test("inconsistent manifests are verification errors", async () => {
  const reg = new MemoryRegistry();
  const c = await reg.chunk(utf8("abcd"));
  await reg.manifest("acme/bad", "sum", {
    total_size: 5,
    chunk_size: 4,
    chunks: [c],
    files: [{ path: "a", size: 4 }],
  });
  await reg.manifest("acme/bad", "count", {
    total_size: 4,
    chunk_size: 4,
    chunks: [c, c],
    files: [{ path: "a", size: 4 }],
  });
  await reg.manifest("acme/bad", "hash", {
    total_size: 4,
    chunk_size: 4,
    chunks: ["ABCD"],
    files: [{ path: "a", size: 4 }],
  });
  await reg.manifest("acme/bad", "dup", {
    total_size: 4,
    chunk_size: 4,
    chunks: [c],
    files: [{ path: "a", size: 2 }, { path: "A", size: 2 }],
  });
  await reg.manifest("acme/bad", "filedir", {
    total_size: 4,
    chunk_size: 4,
    chunks: [c],
    files: [{ path: "a", size: 2 }, { path: "a/b", size: 2 }],
  });
  await reg.manifest("acme/bad", "shape", { chunks: "nope" });
  const data = await mkdtemp(join(tmpdir(), "starmap-paths-"));
  try {
    for (const v of ["sum", "count", "hash", "dup", "filedir", "shape"]) {
      const error = await pullError(reg, data, "acme/bad", v);
      assert.ok(isStarmapError(error, "verification"), `${v}: ${error}`);
    }
    assert.deepEqual(await userEntries(data), []);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
