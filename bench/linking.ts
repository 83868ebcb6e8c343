/**
 * Measures the linker against models.dev's curated `base_model` links (read from its source archive, never given to
 * the linker, which sees only `/api.json` and `models.json`), prints the misses grouped by cause, how OpenRouter's
 * models link, and the time to link every offering. Run: `deno run -A bench/linking.ts`.
 *
 * @module
 */
// deno-lint-ignore-file no-console
import { type LinkMiss, linkOfferings, type LinkResult, measureLinks } from "../src/reconcile/link/mod.ts";
import { offeringsFromDevApi } from "../src/sources/models_dev/_link_input.ts";
import { loadLinkingFixtures } from "../tests/helpers/linking_fixtures.ts";

const { offerings, known, curated, openrouter } = await loadLinkingFixtures();
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}% (${n}/${d})`;

function timed(): { result: LinkResult; first: number; median: number } {
  let start = performance.now();
  const result = linkOfferings(offerings, known);
  const first = performance.now() - start;
  const rounds: number[] = [];
  for (let i = 0; i < 10; i++) {
    start = performance.now();
    linkOfferings(offerings, known);
    rounds.push(performance.now() - start);
  }
  rounds.sort((a, b) => a - b);
  return { result, first, median: rounds[5]! };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
}

function printMisses(title: string, misses: readonly LinkMiss[]): void {
  console.log(`\n${title}: ${misses.length}`);
  for (const m of misses) console.log(`  ${m.offering} → ${m.got} (expected ${m.expected}; ${m.how})`);
}

const { result, first, median } = timed();
const m = measureLinks(result, curated);
console.log(
  `offerings ${offerings.length}, known models ${known.length}, curated base_model links ${m.curated}`,
);
console.log(`recall     ${pct(m.correct, m.curated)}   (target ≥ 90%)`);
console.log(`precision  ${pct(m.correct, m.made)}   (target ≥ 98%)`);
console.log(
  `counting a variant of the curated model (snapshot, fast…) as right: recall ${
    pct(m.correct + m.variants, m.curated)
  }, precision ${pct(m.correct + m.variants, m.made)}`,
);
console.log(`links by method: ${countBy(result.links, (l) => l.method)}`);
const minted = result.models.filter((x) => !x.known);
console.log(
  `models: ${result.models.length} (${known.length} known, ${minted.length} minted, of which ${
    minted.filter((x) => x.base).length
  } variants with a lineage base)`,
);
console.log(
  `time to link all offerings: first run ${first.toFixed(1)} ms, median of 10 ${median.toFixed(1)} ms`,
);

const olderFile = new URL("../tests/fixtures/reconcile/api-2026-05-25.json", import.meta.url);
const older = offeringsFromDevApi(JSON.parse(await Deno.readTextFile(olderFile)));
const o = measureLinks(linkOfferings(older, known), curated);
console.log(
  `older api.json (2026-05-25, ${older.length} offerings; the ${o.curated} of them the archive links): recall ${
    pct(o.correct, o.curated)
  }, precision ${pct(o.correct, o.made)}`,
);

printMisses("wrong: linked to another model", m.misses.wrong);
printMisses("variant: linked to a variant whose lineage base is the curated model", m.misses.variant);
printMisses("unlinked: left to a model of their own", m.misses.unlinked);

const others = offerings.filter((o) => o.provider !== "openrouter");
const mixed = linkOfferings([...others, ...openrouter], known);
const models = new Map(mixed.models.map((x) => [x.id, x]));
const elsewhere = new Set(
  mixed.links.filter((l) => !l.offering.startsWith("openrouter/")).map((l) => l.model),
);
const ours = mixed.links.filter((l) => l.offering.startsWith("openrouter/"));
const isKnown = (id: string) => {
  const model = models.get(id)!;
  return model.known || (model.base !== undefined && models.get(model.base)!.known);
};
const alone = ours.filter((l) => !isKnown(l.model) && !elsewhere.has(l.model));
console.log(
  `\nOpenRouter capture (${ours.length} models, linked beside models.dev's other ${others.length} offerings):`,
);
console.log(
  `  to a models.json model (or a variant of one): ${
    pct(ours.filter((l) => isKnown(l.model)).length, ours.length)
  }`,
);
console.log(
  `  to the same model as another provider's offering: ${
    pct(ours.filter((l) => elsewhere.has(l.model)).length, ours.length)
  }`,
);
console.log(`  to either: ${pct(ours.length - alone.length, ours.length)}`);
console.log(
  `  by method: ${countBy(ours, (l) => `${l.method}${l.method === "explicit" ? `:${l.evidence}` : ""}`)}`,
);
for (const l of alone) console.log(`  alone: ${l.offering} → ${l.model} (${l.method}:${l.evidence})`);
