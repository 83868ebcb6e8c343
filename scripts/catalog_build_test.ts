import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Catalog } from "../src/catalog/catalog.ts";
import { CatalogData } from "../src/catalog/schema.ts";
import { buildCatalog, buildProvenance, reconcileBuild, type UpstreamInputs } from "./catalog_inputs.ts";
import { ProvenanceFile, serializeProvenance } from "../src/reconcile/provenance_file.ts";
import { EXISTENCE_FIELD } from "../src/reconcile/existence.ts";

const root = new URL("../catalog/", import.meta.url);
const json = async (p: string) => JSON.parse(await readFile(new URL(p, root), "utf8"));

async function inputs(): Promise<UpstreamInputs> {
  const captures: Record<string, unknown> = {};
  for (const id of ["openai", "anthropic", "google", "groq", "deepseek", "cerebras"]) {
    captures[id] = await json(`upstream/providers/${id}/models_list.json`);
  }
  return {
    api: await json("upstream/models.dev/api.json"),
    labs: await json("upstream/models.dev/models.json"),
    authors: await json("authors.json"),
    providers: await json("upstream/providers.json"),
    source: await json("upstream/SOURCE.json"),
    captures,
  };
}

const upstream = await inputs();
const built = JSON.stringify(CatalogData.parse(buildCatalog(upstream)), null, 2) + "\n";

Deno.test("catalog:build is deterministic and its output is valid", () => {
  assert.equal(JSON.stringify(CatalogData.parse(buildCatalog(upstream)), null, 2) + "\n", built);
});

Deno.test("the committed catalog is the build output, unless a scheduled refresh has moved it on", async () => {
  const committed = JSON.parse(await readFile(new URL("catalog.json", root), "utf8")) as CatalogData;
  const source = upstream.source.updatedAt;
  if (committed.updatedAt === source) assert.equal(JSON.stringify(committed, null, 2) + "\n", built);
  else assert.ok(committed.updatedAt > source, "a refreshed catalog is newer than the upstream snapshot");
});

Deno.test("every provider and every model of the models.dev snapshot is in the build", () => {
  const api = upstream.api as Record<string, { models: Record<string, unknown> }>;
  const catalog = Catalog.from(JSON.parse(built));
  assert.equal(Object.keys(api).length, 147);
  assert.equal(catalog.providers.length, 147);
  let count = 0;
  for (const [provider, p] of Object.entries(api)) {
    assert.ok(catalog.provider(provider), provider);
    for (const id of Object.keys(p.models)) {
      count++;
      assert.ok(catalog.model(`${provider}/${id}`), `${provider}/${id}`);
    }
  }
  assert.equal(count, 5276);
});

Deno.test("models only a provider API lists are added from the captures", () => {
  const openai = upstream.captures.openai as { data: { id: string }[] };
  const catalog = Catalog.from(JSON.parse(built));
  for (const { id } of openai.data) assert.ok(catalog.model(`openai/${id}`), `openai/${id}`);
  assert.equal(catalog.model("openai/whisper-1")?.authors[0], "openai");
});

Deno.test("the committed provenance is the build's, valid, and describes every model of the catalog", async () => {
  const committed = JSON.parse(await readFile(new URL("catalog.json", root), "utf8")) as CatalogData;
  const text = await readFile(new URL("provenance.json", root), "utf8");
  const file = ProvenanceFile.parse(JSON.parse(text));
  assert.equal(file.updatedAt, committed.updatedAt, "the provenance is of the committed catalog");
  if (committed.updatedAt === upstream.source.updatedAt) {
    assert.equal(text, serializeProvenance(buildProvenance(upstream, JSON.parse(built))));
    // The provenance describes the catalog exactly: reconciling the same sources over it changes nothing.
    assert.deepEqual(reconcileBuild(upstream, JSON.parse(built)).data, JSON.parse(built));
  }
  for (const m of committed.models) {
    const fields = file.models[`${m.provider}/${m.id}`];
    assert.ok(fields?.[EXISTENCE_FIELD]?.length, `${m.provider}/${m.id}: which sources list it`);
  }
});
