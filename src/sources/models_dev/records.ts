/**
 * The records both models.dev sources (HTTP `/api.json` and the source archive) produce from a models.dev
 * document, so that the two agree by construction once their inputs agree.
 *
 * @module
 */
import type { ModelRecord } from "../../catalog/schema.ts";
import { deriveAuthors } from "../authors.ts";
import type { SourceResult } from "../source.ts";
import { translateModel, translateProvider } from "./translate.ts";
import type { DevApi } from "./upstream.ts";

/**
 * Translates a models.dev document into a source result. Every provider of the document is listed in `complete`:
 * models.dev is the catalog's authority for which models a provider serves unless a provider API says otherwise.
 */
export function devApiResult(
  api: DevApi,
  labs: ReadonlyMap<string, string> = new Map(),
  notes: string[] = [],
): SourceResult {
  const providers = Object.values(api).map(translateProvider).sort((a, b) => a.id.localeCompare(b.id));
  const models: ModelRecord[] = [];
  for (const p of Object.values(api)) {
    for (const m of Object.values(p.models)) models.push(translateModel(p.id, m));
  }
  const authors = deriveAuthors(models, labs);
  return { providers, authors, models, complete: providers.map((p) => p.id), notes };
}
