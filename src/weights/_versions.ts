/**
 * Ordering versions as versions: runs of digits compare as numbers (`10` after `9`, `1.10` after `1.9`), the
 * rest as text.
 *
 * @module
 */

const PARTS = /(\d+)|(\D+)/g;

/** Compares two version names for sorting: numeric runs as numbers, other runs as text. */
export function compareVersions(a: string, b: string): number {
  const x = a.match(PARTS) ?? [];
  const y = b.match(PARTS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    const pn = /^\d/.test(p);
    const qn = /^\d/.test(q);
    if (pn && qn) {
      const d = Number(p) - Number(q);
      if (d !== 0) return d;
      if (p.length !== q.length) return p.length - q.length;
    } else if (p !== q) {
      if (pn !== qn) return pn ? -1 : 1;
      return p < q ? -1 : 1;
    }
  }
  return x.length - y.length;
}
