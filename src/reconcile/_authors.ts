/**
 * Authors for reconciled models: a deriver learnt from an existing catalog, for models no source names the lab of.
 *
 * @module
 */
import { AuthorDeriver, type AuthorRule } from "../catalog/mod.ts";
import type { Author, CatalogData } from "../catalog/types.gen.ts";

/**
 * Builds an author deriver from a catalog: each author's id is an organisation prefix, the families only its
 * models carry identify it, and every bare model id it made points at it.
 */
export function deriverFromCatalog(data: Pick<CatalogData, "authors" | "offerings">): AuthorDeriver {
  const familyOwners = new Map<string, Set<string>>();
  const labs = new Map<string, string>();
  for (const m of data.offerings) {
    if (m.authors.length !== 1) continue;
    const author = m.authors[0]!;
    const bare = m.id.toLowerCase().split("/").pop()!;
    if (!labs.has(bare)) labs.set(bare, author);
    if (m.family) {
      const owners = familyOwners.get(m.family.toLowerCase()) ?? new Set();
      owners.add(author);
      familyOwners.set(m.family.toLowerCase(), owners);
    }
  }
  const rules: AuthorRule[] = data.authors.map((a: Author) => ({
    ...a,
    orgs: [a.id],
    families: [...familyOwners].filter(([, o]) => o.size === 1 && o.has(a.id)).map(([f]) => f).sort(),
    ids: [],
  }));
  return new AuthorDeriver(rules, labs);
}

/** A display name for an author id that no source names: `meta-llama` → `Meta Llama`. */
export function authorName(id: string): string {
  return id.split(/[-_.]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ") || id;
}
