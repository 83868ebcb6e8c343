/**
 * The spelling index of a catalog: every name a user may type for a model (its id, its slug, its aliases, each
 * offering's key, provider id and aliases) mapped to the models it names, built once per snapshot.
 *
 * @module
 */
import type { Model, Offering, Provider } from "./types.gen.ts";

/** Lowercase spelling → the ids of the models it names, in catalog order. */
export type SpellingIndex = Map<string, string[]>;

function add(index: SpellingIndex, spelling: string, model: string): void {
  const key = spelling.toLowerCase();
  const list = index.get(key);
  if (!list) index.set(key, [model]);
  else if (!list.includes(model)) list.push(model);
}

/** Builds the spelling index of models and offerings (provider aliases spell offering keys too). */
export function buildSpellings(
  models: readonly Model[],
  offerings: readonly Offering[],
  providers: readonly Provider[],
): SpellingIndex {
  const index: SpellingIndex = new Map();
  for (const m of models) {
    add(index, m.id, m.id);
    add(index, m.id.slice(m.id.indexOf("/") + 1), m.id);
    for (const a of m.aliases ?? []) add(index, a, m.id);
  }
  const aliases = new Map(providers.map((p) => [p.id, p.aliases ?? []]));
  for (const o of offerings) {
    add(index, `${o.provider}/${o.id}`, o.model);
    for (const alias of aliases.get(o.provider) ?? []) add(index, `${alias}/${o.id}`, o.model);
    add(index, o.id, o.model);
    for (const a of o.aliases ?? []) add(index, a, o.model);
  }
  return index;
}
