/**
 * Suggestions for unknown model names from a trigram index built once per snapshot: a 404 looks at the few
 * names that share the most trigrams with the request instead of measuring the distance to every model.
 *
 * @module
 */
import { suggest } from "../words/mod.ts";
import type { Model, Offering } from "./types.gen.ts";

/** The longest part of a name that is looked at (longer requests are cut, so a long name costs no more). */
const MAX_QUERY = 96;
/** How many best-sharing names are ranked by edit distance. */
const SHORTLIST = 32;
/** How many answers each snapshot remembers (a flood repeating one unknown name costs one lookup each). */
const REMEMBERED = 512;

/** The trigram index of one snapshot's model names. */
export interface NameIndex {
  names: string[];
  grams: Map<string, number[]>;
  answers: Map<string, string[]>;
  lower: Map<string, string>;
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text.toLowerCase()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Builds the index of a snapshot's names (model ids, offering keys and offering ids). */
export function buildNameIndex(models: readonly Model[], offerings: readonly Offering[]): NameIndex {
  const names = [
    ...new Set([
      ...models.map((m) => m.id),
      ...offerings.map((o) => `${o.provider}/${o.id}`),
      ...offerings.map((o) => o.id),
    ]),
  ];
  const grams = new Map<string, number[]>();
  names.forEach((name, i) => {
    for (const g of trigrams(name)) {
      const list = grams.get(g);
      if (list) list.push(i);
      else grams.set(g, [i]);
    }
  });
  return { names, grams, answers: new Map(), lower: new Map(names.map((n) => [n.toLowerCase(), n])) };
}

/**
 * Up to `limit` model keys or ids close to `name`, ranked as {@link suggest} ranks them, among the names that
 * share the most trigrams with it.
 */
export function suggestIndexed(index: NameIndex, name: string, limit = 5): string[] {
  const { names, grams, answers, lower } = index;
  const query = name.slice(0, MAX_QUERY);
  const key = `${limit}:${query}`;
  const known = answers.get(key);
  if (known) return known;
  const counts = new Uint8Array(names.length);
  const touched: number[] = [];
  let top = 0;
  const common = names.length / 16;
  const lists = [...trigrams(query)].map((g) => grams.get(g)).filter((l) => l !== undefined)
    .sort((a, b) => a.length - b.length);
  // The rarest trigrams rank the shortlist; ones most names share say little and cost the most, so beyond the
  // four rarest they are skipped.
  lists.forEach((postings, n) => {
    if (n >= 4 && postings.length > common) return;
    for (const i of postings) {
      if (counts[i] === 0) touched.push(i);
      top = Math.max(top, ++counts[i]!);
    }
  });
  // Bucket by shared count (at most MAX_QUERY + 2 buckets): linear, no sort of every touched name.
  const buckets: number[][] = Array.from({ length: top + 1 }, () => []);
  for (const i of touched) buckets[counts[i]!]!.push(i);
  // Names the request starts with (`openai/gpt-4o` in `openai/gpt-4o-typo`) rank first in `suggest`: keep them.
  const best: string[] = [];
  const q = query.toLowerCase();
  for (let i = 3; i <= q.length; i++) {
    const hit = (i === q.length || /[-/.:_]/.test(q[i]!)) ? lower.get(q.slice(0, i)) : undefined;
    if (hit) best.push(hit);
  }
  for (let c = top; c > 0 && best.length < SHORTLIST; c--) {
    for (const i of buckets[c]!) {
      if (best.length >= SHORTLIST) break;
      if (!best.includes(names[i]!)) best.push(names[i]!);
    }
  }
  const answer = suggest(query, best, { limit });
  if (answers.size >= REMEMBERED) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return answer;
}
