/**
 * One malformed entry skips only that entry, with a note, and an id listed twice in one response is reported: for
 * every list-models protocol, on its real (or documented-shape) capture with a bad entry and a repeat added.
 */
import assert from "node:assert/strict";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";
import type { ProviderProtocol } from "../src/sources/providers/_protocol.ts";
import { fixture } from "./helpers/sources_server.ts";

type Entry = Record<string, unknown>;
const load = async (path: string) => JSON.parse(await fixture(path));
/** Wrong types for every id-like field: no protocol can read it. */
const BAD = { id: 42, name: 42, model: 42 };

/** The capture's entries with a bad entry and a repeat of the first one added, as the protocol's pages. */
async function faulty(protocol: ProviderProtocol): Promise<{ pages: unknown[]; distinct: number }> {
  const spoil = (list: Entry[]) => [...list.slice(0, 2), BAD, ...list.slice(2), list[0]!];
  switch (protocol) {
    case "openai":
    case "openrouter": {
      const path = protocol === "openai" ? "providers/groq/models_list.json" : "openrouter/models.json";
      const page = await load(path);
      return { pages: [{ ...page, data: spoil(page.data) }], distinct: page.data.length };
    }
    case "anthropic": {
      const page = await load("providers/anthropic/models_list.json");
      return { pages: [{ ...page, data: spoil(page.data), has_more: false }], distinct: page.data.length };
    }
    case "google": {
      const page = await load("providers/google/models_list.json");
      return { pages: [{ models: spoil(page.models) }], distinct: page.models.length };
    }
    case "vertex": {
      const [first, ...rest] = await load("providers/vertex/publisher_models_pages.json");
      const all = [first, ...rest].flatMap((p: Entry) => p.publisherModels as Entry[]);
      return {
        pages: [{ ...first, publisherModels: spoil(first.publisherModels) }, ...rest],
        distinct: new Set(all.map((m) => m.name)).size,
      };
    }
    case "azure": {
      const models = await load("providers/azure/models.json");
      const usable = models.data.filter((m: Entry) => (m.capabilities as Entry)?.inference !== false);
      return {
        pages: [{ ...models, data: spoil(usable) }, await load("providers/azure/deployments.json")],
        distinct: usable.length,
      };
    }
    case "ollama": {
      const tags = (await load("providers/ollama/tags.json")).models as Entry[];
      const shows: Record<string, unknown> = await load("providers/ollama/show.json");
      const listed = spoil(tags);
      const named = listed.filter((t) => typeof t.name === "string");
      return {
        pages: [{ models: listed }, ...named.map((t) => shows[t.name as string])],
        distinct: tags.length,
      };
    }
  }
}

for (const protocol of Object.keys(PROTOCOLS) as ProviderProtocol[]) {
  Deno.test(`${protocol}: a malformed entry is skipped with a note, a repeated id is reported, the rest stay`, async () => {
    const { pages, distinct } = await faulty(protocol);
    const { offerings, notes } = PROTOCOLS[protocol].translate("p", pages);
    assert.equal(offerings.length, distinct, notes.join("\n"));
    assert.equal(new Set(offerings.map((o) => o.id)).size, distinct);
    assert.ok(notes.some((n) => /^p: skipped entry 3 of the model list \(/.test(n)), notes.join("\n"));
    assert.ok(
      notes.some((n) => /^p: model ".+" is listed more than once in one response/.test(n)),
      notes.join("\n"),
    );
  });
}
