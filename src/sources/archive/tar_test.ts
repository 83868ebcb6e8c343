import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTar, TarError } from "./_tar.ts";

/** The real `git archive` of models.dev at f3fc692 (see tests/fixtures/sources/README.md). */
const ARCHIVE = fileURLToPath(
  new URL("../../../tests/fixtures/sources/models.dev/models.dev-f3fc692.tar.gz", import.meta.url),
);

/** Runs the system's `tar`, the reference reader, and returns its stdout. */
async function systemTar(args: string[]): Promise<Uint8Array> {
  const out = await new Deno.Command("tar", { args, stdout: "piped", stderr: "piped" }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return out.stdout;
}

function bytesStream(bytes: Uint8Array, piece = 7_919): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

async function archiveStream(): Promise<ReadableStream<Uint8Array>> {
  return bytesStream(await readFile(ARCHIVE)).pipeThrough(
    new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
}

Deno.test("readTar lists the real models.dev archive as tar does: paths, types and link targets", async () => {
  const listing = new TextDecoder().decode(await systemTar(["-tzvf", ARCHIVE])).trim().split("\n");
  const expected = listing.map((line) => {
    const type = line[0] === "d" ? "directory" : line[0] === "l" ? "symlink" : "file";
    const [path, target] = line.slice(line.indexOf(" models.dev-") + 1).split(" -> ");
    return { path: type === "directory" ? path!.replace(/\/$/, "") : path!, type, target: target ?? "" };
  });
  const seen: { path: string; type: string; target: string }[] = [];
  for await (const entry of readTar(await archiveStream())) {
    if (entry.type === "other") continue; // the pax global header of git archive, which tar does not list
    seen.push({ path: entry.path.replace(/\/$/, ""), type: entry.type, target: entry.linkTarget });
  }
  assert.equal(seen.length, 6_845);
  assert.deepEqual(seen, expected);
  assert.equal(seen.filter((e) => e.type === "symlink").length, 209);
});

Deno.test("readTar gives each file's bytes exactly as tar extracts them, read or skipped in any mix", async () => {
  const wanted = new Map<string, Uint8Array>();
  let index = 0;
  for await (const entry of readTar(await archiveStream())) {
    // Read every 97th file and skip the others, so skipping and reading interleave across chunk boundaries.
    if (entry.type === "file" && index++ % 97 === 0) wanted.set(entry.path, await entry.bytes());
  }
  assert.ok(wanted.size > 50, `${wanted.size} files read`);
  for (const [path, bytes] of [...wanted].slice(0, 12)) {
    assert.deepEqual(bytes, await systemTar(["-xzOf", ARCHIVE, path]), path);
  }
});

Deno.test("readTar refuses a truncated stream, a corrupt header and an entry past the cap", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-tar-"));
  try {
    // A ustar archive of one 512-byte file: header block, one data block, then the end.
    await writeFile(join(dir, "a.bin"), crypto.getRandomValues(new Uint8Array(512)));
    await systemTar(["--format=ustar", "-C", dir, "-cf", join(dir, "a.tar"), "a.bin"]);
    const tar = await readFile(join(dir, "a.tar"));
    const read = async (bytes: Uint8Array, options = {}) => {
      const out: number[] = [];
      for await (const entry of readTar(bytesStream(bytes, 100), options)) {
        out.push((await entry.bytes()).length);
      }
      return out;
    };
    assert.deepEqual(await read(tar), [512]);
    // Cut right after the header: the entry promises 512 bytes the stream does not have.
    await assert.rejects(read(tar.slice(0, 512)), TarError);
    await assert.rejects(read(tar.slice(0, 700)), /truncated tar stream/);
    const corrupt = new Uint8Array(tar);
    corrupt[0] = corrupt[0]! ^ 0xff;
    await assert.rejects(read(corrupt), /invalid tar header checksum/);
    await assert.rejects(read(tar, { maxEntryBytes: 100 }), /exceeds the cap of 100/);
  } finally {
    await rm(dir, { recursive: true });
  }
});
