import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../src/catalog/_store.ts";
import { CatalogData } from "../src/catalog/_schema.ts";
import { lockCatalogDir } from "../src/sync/_store.ts";
import { catalogDirWithOld, currentCatalogFile, newResult, oldResult } from "./helpers/sync_fixtures.ts";

const helper = (name: string) => fileURLToPath(new URL(`./helpers/${name}`, import.meta.url));

function child(script: string, args: string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", helper(script), ...args],
    stdout: "piped",
    stderr: "piped",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  }).spawn();
}

/** Reads a child's stdout line by line until a line matches. */
async function waitForLine(reader: ReadableStreamDefaultReader<string>, pattern: RegExp): Promise<string[]> {
  const lines: string[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`child ended before printing ${pattern}: ${lines.join("|")}`);
    buffer += value;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
    if (parts.some((l) => pattern.test(l))) return lines;
  }
}

Deno.test("a process killed while saving leaves a valid catalog", async () => {
  const dir = await catalogDirWithOld();
  try {
    for (const saves of [1, 4]) {
      const proc = child("save_loop.ts", [dir]);
      const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
      await waitForLine(reader, new RegExp(`^saved ${saves}$`));
      proc.kill("SIGKILL");
      const status = await proc.status;
      await reader.cancel();
      await proc.stderr.cancel();
      assert.equal(status.signal, "SIGKILL");
      // loadCatalog parses strictly: a torn file would throw here.
      const { catalog, origin } = await loadCatalog({ dir });
      assert.equal(origin, await currentCatalogFile(dir));
      assert.ok(CatalogData.safeParse(catalog.data).success);
      assert.ok(
        [4834, 5276].includes(catalog.allOfferings.length),
        `whole catalog, got ${catalog.allOfferings.length}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("an update waits for the lock another process holds, and times out with exit 7", async () => {
  const dir = await catalogDirWithOld();
  try {
    const lock = await lockCatalogDir(dir, { timeoutMs: 1000 });
    const impatient = child("sync_child.ts", [dir, "new", "200"]);
    const out = await impatient.output();
    assert.equal(out.code, 7, new TextDecoder().decode(out.stderr));
    assert.match(new TextDecoder().decode(out.stderr), /another update holds/);

    const patient = child("sync_child.ts", [dir, "new", "60000"]);
    const reader = patient.stdout.pipeThrough(new TextDecoderStream()).getReader();
    await waitForLine(reader, /^fetched$/);
    const before = await loadCatalog({ dir });
    assert.equal(
      before.catalog.allOfferings.length,
      oldResult().offerings.length,
      "nothing saved while the lock is held",
    );
    await lock.release();
    const rest = await waitForLine(reader, /^saved /);
    assert.ok(rest.includes(`saved ${newResult().offerings.length}`));
    await reader.cancel();
    await patient.stderr.cancel();
    assert.equal((await patient.status).code, 0);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("two concurrent update processes are serialised and both succeed", async () => {
  const dir = await catalogDirWithOld();
  try {
    const a = child("sync_child.ts", [dir, "new", "60000"]);
    const b = child("sync_child.ts", [dir, "new", "60000"]);
    const [oa, ob] = await Promise.all([a.output(), b.output()]);
    const text = (o: Deno.CommandOutput) =>
      new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr);
    assert.equal(oa.code, 0, text(oa));
    assert.equal(ob.code, 0, text(ob));
    const { catalog } = await loadCatalog({ dir });
    assert.equal(catalog.allOfferings.length, newResult().offerings.length);
    assert.ok(CatalogData.safeParse(catalog.data).success);
  } finally {
    await rm(dir, { recursive: true });
  }
});
