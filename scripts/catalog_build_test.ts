import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Catalog } from "../src/catalog/_catalog.ts";
import { CatalogData } from "../src/catalog/_schema.ts";
import { buildCatalog, buildProvenance, reconcileBuild, type UpstreamInputs } from "./catalog_inputs.ts";
import { ProvenanceFile, serializeProvenance } from "../src/reconcile/_provenance_file.ts";
import { EXISTENCE_FIELD } from "../src/reconcile/_existence.ts";

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
    enrich: {
      openrouter: await json("upstream/openrouter/models.json"),
      litellm: await json("upstream/litellm/model_prices_and_context_window.json"),
    },
  };
}

const upstream = await inputs();
const built = JSON.stringify(CatalogData.parse(buildCatalog(upstream).data), null, 2) + "\n";

Deno.test("catalog:build is deterministic and its output is valid", () => {
  assert.equal(JSON.stringify(CatalogData.parse(buildCatalog(upstream).data), null, 2) + "\n", built);
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
      assert.ok(catalog.offering(`${provider}/${id}`), `${provider}/${id}`);
    }
  }
  assert.equal(count, 5276);
});

Deno.test("models only a provider API lists are added from the captures", () => {
  const openai = upstream.captures.openai as { data: { id: string }[] };
  const catalog = Catalog.from(JSON.parse(built));
  for (const { id } of openai.data) assert.ok(catalog.offering(`openai/${id}`), `openai/${id}`);
  assert.equal(catalog.offering("openai/whisper-1")?.authors[0], "openai");
});

Deno.test("OpenRouter and LiteLLM enrich offerings the build has, without adding any or overriding a value", () => {
  const catalog = Catalog.from(JSON.parse(built));
  const plain = buildCatalog({ ...upstream, enrich: {} }).data;
  assert.equal(catalog.allOfferings.length, plain.offerings.length, "no offering added");
  const or = catalog.offering("openrouter/anthropic/claude-sonnet-4.5")!;
  assert.ok(or.params?.includes("tools") && or.params.includes("response_format"), or.params?.join());
  const gpt = catalog.offering("openai/gpt-4o")!;
  assert.deepEqual(gpt.pricing?.batch, { input: 1.25, output: 5 });
  assert.equal(gpt.pricing?.input, 2.5, "models.dev's price stays");
  assert.ok(gpt.operations?.includes("chat"));
  assert.ok(
    catalog.allOfferings.some((o) => o.link.method === "explicit"),
    "OpenRouter's canonical slugs link",
  );
});

Deno.test("links: every offering links to a model with its method, and the provenance says where from", async () => {
  const catalog = Catalog.from(JSON.parse(built));
  const provenance = JSON.parse(await readFile(new URL("provenance.json", root), "utf8"));
  const links = provenance.links as Record<string, { model: string; method: string; evidence: string }>;
  for (const o of catalog.allOfferings) {
    const key = `${o.provider}/${o.id}`;
    assert.equal(links[key]?.model, o.model, key);
    assert.equal(links[key]?.method, o.link.method, key);
    assert.ok(catalog.model(o.model), key);
  }
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
  for (const o of committed.offerings) {
    const fields = file.offerings?.[`${o.provider}/${o.id}`];
    assert.ok(fields?.[EXISTENCE_FIELD]?.length, `${o.provider}/${o.id}: which sources list it`);
  }
});
