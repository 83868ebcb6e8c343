/**
 * A pull that creates its model's directory while a finishing pull of another model of the group removes the
 * group's directory (it was empty) still gets its directories.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, rmdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WeightsStore } from "../src/weights/_store.ts";

Deno.test("creating a model's directories survives the group's directory being removed meanwhile", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-group-race-"));
  const store = new WeightsStore(root);
  let running = true;
  // Another process's cleanup: remove the group directory whenever it is empty.
  const cleaner = (async () => {
    while (running) {
      await rmdir(join(root, "g")).catch(() => {});
      await new Promise((r) => setTimeout(r, 0));
    }
  })();
  try {
    for (let i = 0; i < 300; i++) {
      await store.ensureRealDirs("g", `m${i}`);
      // The cleaner cannot remove a group that holds a model directory: this one is there.
      assert.ok((await stat(join(root, "g", `m${i}`))).isDirectory());
      await rmdir(join(root, "g", `m${i}`));
    }
  } finally {
    running = false;
    await cleaner;
    await rm(root, { recursive: true, force: true });
  }
});
