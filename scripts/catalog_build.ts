/**
 * `deno task catalog:build`: builds `catalog/catalog.json` and its provenance (`catalog/provenance.json`) from the real upstream captures in `catalog/upstream/`
 * (models.dev's api.json and models.json, provider list-models responses, author rules, provider settings), and
 * the packed form of the catalog that starmap embeds (`catalog/catalog.packed.jsonl`).
 *
 * `deno task catalog:build --pack` only packs the `catalog/catalog.json` there is (after an edit or a refresh).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { buildCatalog, type UpstreamInputs } from "./catalog_inputs.ts";
import { CatalogData } from "../src/catalog/_schema.ts";
import { packCatalog } from "../src/catalog/_packed.ts";
import { atomicWrite } from "../src/fs/_atomic_write.ts";
import { formatZodIssues } from "../src/catalog/_validate.ts";
import { serializeProvenance } from "../src/reconcile/_provenance_file.ts";

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

/** Writes the packed form that starmap embeds (see `src/catalog/_packed.ts`). */
async function pack(data: CatalogData): Promise<void> {
  await atomicWrite(root + "catalog.packed.jsonl", packCatalog(data));
}

async function main(): Promise<void> {
  if (Deno.args.includes("--pack")) {
    const data = await json("catalog.json");
    const checked = CatalogData.safeParse(data);
    if (!checked.success) {
      throw new Error(`catalog is invalid:\n${formatZodIssues(checked.error, "catalog")}`);
    }
    return await pack(data as CatalogData);
  }
  const inputs: UpstreamInputs = {
    api: await json("upstream/models.dev/api.json"),
    labs: await json("upstream/models.dev/models.json"),
    authors: await json("authors.json"),
    providers: await json("upstream/providers.json"),
    source: z.object({ updatedAt: z.string() }).parse(await json("upstream/SOURCE.json")),
    captures: await providerCaptures(),
    enrich: {
      openrouter: await json("upstream/openrouter/models.json"),
      litellm: await json("upstream/litellm/model_prices_and_context_window.json"),
    },
  };
  const { data, provenance } = buildCatalog(inputs);
  const checked = CatalogData.safeParse(data);
  if (!checked.success) throw new Error(`catalog is invalid:\n${formatZodIssues(checked.error, "catalog")}`);
  await atomicWrite(root + "catalog.json", JSON.stringify(checked.data, null, 2) + "\n");
  await pack(checked.data);
  // The provenance ships beside the catalog, so that the first update of a fresh install knows where values came from
  // (and `models history` reads how each offering was linked).
  await atomicWrite(root + "provenance.json", serializeProvenance(provenance));
  const methods = new Map<string, number>();
  for (const o of data.offerings) methods.set(o.link.method, (methods.get(o.link.method) ?? 0) + 1);
  // deno-lint-ignore no-console
  console.error(
    `catalog/catalog.json: ${data.providers.length} providers, ${data.authors.length} authors, ` +
      `${data.models.length} models, ${data.offerings.length} offerings ` +
      `(links: ${[...methods].sort().map(([m, n]) => `${n} ${m}`).join(", ")})`,
  );
}

if (import.meta.main) await main();
