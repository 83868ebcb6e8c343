/**
 * `deno task catalog:build`: builds `catalog/catalog.json` and its provenance (`catalog/provenance.json`) from the real upstream captures in `catalog/upstream/`
 * (models.dev's api.json and models.json, provider list-models responses, author rules, provider settings).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { buildCatalog, buildProvenance, type UpstreamInputs } from "./catalog_inputs.ts";
import { serializeProvenance } from "../src/reconcile/provenance_file.ts";
import { CatalogData } from "../src/catalog/schema.ts";
import { atomicWrite } from "../src/fs/atomic_write.ts";
import { formatZodIssues } from "../src/catalog/validate.ts";

const root = fileURLToPath(new URL("../catalog/", import.meta.url));

async function json(path: string): Promise<unknown> {
  return JSON.parse(await readFile(root + path, "utf8"));
}

async function providerCaptures(): Promise<Record<string, unknown>> {
  const ids = ["openai", "anthropic", "google", "groq", "deepseek", "cerebras"];
  const out: Record<string, unknown> = {};
  for (const id of ids) out[id] = await json(`upstream/providers/${id}/models_list.json`);
  return out;
}

async function main(): Promise<void> {
  const inputs: UpstreamInputs = {
    api: await json("upstream/models.dev/api.json"),
    labs: await json("upstream/models.dev/models.json"),
    authors: await json("authors.json"),
    providers: await json("upstream/providers.json"),
    source: z.object({ updatedAt: z.string() }).parse(await json("upstream/SOURCE.json")),
    captures: await providerCaptures(),
  };
  const data = buildCatalog(inputs);
  const checked = CatalogData.safeParse(data);
  if (!checked.success) throw new Error(`catalog is invalid:\n${formatZodIssues(checked.error, "catalog")}`);
  await atomicWrite(root + "catalog.json", JSON.stringify(checked.data, null, 2) + "\n");
  // The provenance ships beside the catalog, so that the first update of a fresh install knows where values came from.
  await atomicWrite(root + "provenance.json", serializeProvenance(buildProvenance(inputs, checked.data)));
  // deno-lint-ignore no-console
  console.error(
    `catalog/catalog.json: ${data.providers.length} providers, ${data.authors.length} authors, ` +
      `${data.models.length} models`,
  );
}

if (import.meta.main) await main();
