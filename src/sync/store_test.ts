import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalogData } from "../catalog/_embedded.ts";
import { encodeProvenance } from "../reconcile/_provenance_file.ts";
import { loadEmbeddedProvenance } from "../reconcile/mod.ts";
import { catalogChunks, saveCatalog, serializeCatalog } from "./_store.ts";

Deno.test("a saved generation is written in pieces, byte for byte the documents JSON.stringify makes", async () => {
  const data = embeddedCatalogData();
  const provenance = (await loadEmbeddedProvenance(data))!;
  const whole = `${JSON.stringify(data, null, 2)}\n`;
  assert.equal(serializeCatalog(data), whole);
  assert.ok([...catalogChunks(data)].length > data.offerings.length, "one piece per offering at least");
  const empty = { ...data, providers: [], offerings: [] };
  assert.equal(serializeCatalog(empty), `${JSON.stringify(empty, null, 2)}\n`);
  const dir = await mkdtemp(join(tmpdir(), "starmap-store-"));
  try {
    const path = await saveCatalog(dir, data, provenance);
    assert.equal(await readFile(path, "utf8"), whole);
    const saved = await readFile(join(path, "..", "provenance.json"), "utf8");
    assert.equal(saved, `${JSON.stringify(encodeProvenance(provenance))}\n`);
  } finally {
    await rm(dir, { recursive: true });
  }
});
