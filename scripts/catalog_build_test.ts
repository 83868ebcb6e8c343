import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { CatalogData } from "../src/catalog/schema.ts";
import { buildCatalog } from "./catalog_inputs.ts";

const root = new URL("../catalog/", import.meta.url);
const json = async (p: string) => JSON.parse(await readFile(new URL(p, root), "utf8"));

Deno.test("catalog:build is deterministic and matches the committed catalog", async () => {
  const captures: Record<string, unknown> = {};
  for (const id of ["openai", "anthropic", "google", "groq", "deepseek", "cerebras"]) {
    captures[id] = await json(`upstream/providers/${id}/models_list.json`);
  }
  const inputs = {
    api: await json("upstream/models.dev/api.json"),
    labs: await json("upstream/models.dev/models.json"),
    authors: await json("authors.json"),
    providers: await json("upstream/providers.json"),
    source: await json("upstream/SOURCE.json"),
    captures,
  };
  const first = JSON.stringify(CatalogData.parse(buildCatalog(inputs)), null, 2) + "\n";
  const second = JSON.stringify(CatalogData.parse(buildCatalog(inputs)), null, 2) + "\n";
  assert.equal(first, second);
  assert.equal(first, await readFile(new URL("catalog.json", root), "utf8"), "run deno task catalog:build");
});
