/**
 * The known models indexed for linking: by comparison key of their slug, by the keys of their names, and the
 * organisation names that stand for each author (from the shipped author table and the known labs).
 *
 * @module
 */
import type { AuthorRule } from "../../catalog/mod.ts";
import { reducedKey } from "./_forms.ts";
import { datePin, idKey, stripServing } from "./_spelling.ts";
import type { KnownModel } from "./_types.ts";

/** The author id of a model id `author/slug`. */
export function authorOfId(id: string): string {
  return id.slice(0, id.indexOf("/"));
}

/** The slug of a model id `author/slug`. */
export function slugOfId(id: string): string {
  return id.slice(id.indexOf("/") + 1);
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  if (key === "") return;
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/**
 * Name keys: the name without a leading `Vendor: ` and with its parenthesised notes, then without the notes and
 * serving words (`Kimi K2.5 TEE`, `GLM 5.2 (Free)`), and the notes alone without serving words.
 */
export function nameKeys(name: string): { full: string; loose: string; notes: string } {
  const plain = name.replace(/^[^:]{1,40}:\s+/, "");
  const full = idKey(plain);
  const loose = stripServing(idKey(plain.replace(/\([^)]*\)/g, " "))).core;
  const notes = stripServing(idKey([...plain.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(" "))).core;
  return { full, loose, notes };
}

/** The known models, indexed. */
export class KnownIndex {
  /** Known models by id. */
  readonly byId = new Map<string, KnownModel>();
  /** Known model ids by the comparison key of their slug. */
  readonly byKey = new Map<string, string[]>();
  /** Known model ids by the {@link reducedKey} of their slug. */
  readonly byReducedKey = new Map<string, string[]>();
  /** Date-pinned known model ids by the key of their slug without the date. */
  readonly bySnapshotBase = new Map<string, string[]>();
  /**
   * The {@link reducedKey} of every known slug without a date or version pin, strong or weak
   * (`mistral-small-2506` → `mistral-small`): a bare name that only an optional suffix ties to an alias
   * (`mistral-small` → `mistral-small-latest`) could as well mean one of these pinned releases.
   */
  readonly pinnedBases = new Set<string>();
  /** Known model ids by the full key of their name. */
  readonly byName = new Map<string, string[]>();
  /** Known model ids by the loose key of their name. */
  readonly byLooseName = new Map<string, string[]>();
  /** Organisation names (lowercased) → author id. */
  readonly orgs = new Map<string, string>();
  /** Lowercased bare slugs → author id, for the author deriver. */
  readonly labs = new Map<string, string>();

  /** Indexes the known models under the author rules. */
  constructor(known: readonly KnownModel[], rules: readonly AuthorRule[]) {
    for (const rule of rules) {
      this.orgs.set(rule.id, rule.id);
      for (const org of rule.orgs) this.orgs.set(org.toLowerCase(), rule.id);
    }
    for (const model of known) {
      const author = authorOfId(model.id);
      if (!this.orgs.has(author)) this.orgs.set(author, author);
      this.byId.set(model.id, model);
      const key = idKey(slugOfId(model.id));
      add(this.byKey, key, model.id);
      add(this.byReducedKey, reducedKey(key), model.id);
      const pin = datePin(slugOfId(model.id), false);
      if (pin) add(this.bySnapshotBase, idKey(pin.base), model.id);
      const weak = datePin(key, true);
      if (weak) this.pinnedBases.add(reducedKey(weak.base));
      this.labs.set(slugOfId(model.id).toLowerCase(), author);
      if (model.name) {
        const { full, loose } = nameKeys(model.name);
        add(this.byName, full, model.id);
        add(this.byLooseName, loose, model.id);
      }
    }
  }
}
