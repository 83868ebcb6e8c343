/**
 * Author derivation for sources: the shipped author rules (`catalog/authors.json`, imported as JSON so a compiled
 * binary carries them) applied to translated models.
 *
 * @module
 */
import { z } from "zod";
import rulesData from "../../catalog/authors.json" with { type: "json" };
import { AuthorDeriver, AuthorRule } from "../catalog/mod.ts";
import type { Author, OfferingRecord } from "../catalog/types.gen.ts";

let cached: AuthorRule[] | undefined;

/** The shipped author rules, parsed once. */
export function authorRules(): AuthorRule[] {
  cached ??= z.array(AuthorRule).parse(rulesData);
  return cached;
}

/** An author without its recognition rules. */
export function authorOf(rule: AuthorRule): Author {
  const { orgs: _o, families: _f, ids: _i, ...author } = rule;
  return author;
}

/**
 * Sets `authors` on every model that lacks them, from the rules and a lab index (lowercased bare model id → author
 * id), and returns the authors used, sorted by id.
 */
export function deriveAuthors(
  models: OfferingRecord[],
  labs: ReadonlyMap<string, string> = new Map(),
): Author[] {
  const rules = authorRules();
  const deriver = new AuthorDeriver(rules, labs);
  const used = new Set<string>();
  for (const m of models) {
    if (!m.authors || m.authors.length === 0) m.authors = deriver.derive(m);
    for (const a of m.authors) used.add(a);
  }
  return rules.filter((r) => used.has(r.id)).map(authorOf).sort((a, b) => a.id.localeCompare(b.id));
}
