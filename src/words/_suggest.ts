/**
 * Nearest-match suggestions for names that were not found.
 *
 * @module
 */

/** The Levenshtein distance between two strings, capped at `max + 1` to stay cheap on long lists. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Options of {@link suggest}. */
export interface SuggestOptions {
  /** How many suggestions at most. @default 5 */
  limit?: number;
}

/**
 * Ranks candidates by closeness to `query`: substring matches first, then by edit distance.
 *
 * @example
 * ```ts
 * suggest("gpt4o", ["gpt-4o", "gpt-4o-mini", "o1"]); // ["gpt-4o", "gpt-4o-mini"]
 * ```
 */
export function suggest(query: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const limit = options.limit ?? 5;
  const q = query.toLowerCase();
  const max = Math.max(2, Math.floor(q.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const n = name.toLowerCase();
    if (n.includes(q) || (q.includes(n) && n.length > 2)) {
      scored.push({ name, score: Math.abs(n.length - q.length) / 100 });
      continue;
    }
    const d = editDistance(q, n, max);
    if (d <= max) scored.push({ name, score: d });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
