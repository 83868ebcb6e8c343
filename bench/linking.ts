/**
 * Measures the linker against models.dev's curated `base_model` links (read from its source archive, never given to
 * the linker, which sees only `/api.json` and `models.json`), prints the misses grouped by cause (for the current
 * and the older `api.json`), held-out folds (by provider, and with whole model families taken out of the known
 * models), how OpenRouter's models link, and the time to link every offering. Run: `deno run -A bench/linking.ts`.
 *
 * @module
 */
// deno-lint-ignore-file no-console
import {
  type KnownModel,
  type LinkMiss,
  type LinkOffering,
  linkOfferings,
  type LinkResult,
  measureLinks,
} from "../src/reconcile/link/mod.ts";
import {
  foldOf,
  FOLDS,
  loadLinkingFixtures,
  loadOlderOfferings,
  withoutFold,
} from "../tests/helpers/linking_fixtures.ts";

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

const older = await loadOlderOfferings();
const o = measureLinks(linkOfferings(older, known), curated);
console.log(
  `older api.json (2026-05-25, ${older.length} offerings; the ${o.curated} of them the archive links): recall ${
    pct(o.correct, o.curated)
  }, precision ${pct(o.correct, o.made)}`,
);

printMisses("wrong: linked to another model", m.misses.wrong);
printMisses("variant: linked to a variant whose lineage base is the curated model", m.misses.variant);
printMisses("unlinked: left to a model of their own", m.misses.unlinked);
printMisses("older api.json, wrong: linked to another model", o.misses.wrong);
printMisses("older api.json, variant: linked to a variant of the curated model", o.misses.variant);
printMisses("older api.json, unlinked: left to a model of their own", o.misses.unlinked);

// Held-out folds. The linker learns nothing from the data: its rules are written by people who read the misses
// above, so the figures above flatter it. Two proxies for data nobody has read:
// - by provider: the curated links split into 5 folds by provider (a stable hash of its id); a rule that only fits
//   a few providers shows as one weak fold;
// - by model family: 5 runs, each with one fold of the known models taken out (a whole family at once: the model,
//   its date-pinned snapshots, `-latest`/`-preview` aliases). The offerings curated to a model taken out have no
//   right answer left, so any link they get to a remaining model is wrong: that is the case of new data, where
//   providers serve models the known list does not have yet, and where a loose rule makes its false links.
interface FoldFigure {
  right: number;
  made: number;
  curated: number;
  /** Links made for offerings whose curated model was taken out. */
  falseOut: number;
  out: number;
  /** Offerings of the models taken out that came back under their own id, minted as a variant. */
  rightOut: number;
  /** Links to a variant (snapshot, fast…) whose lineage base is the curated model. */
  variants: number;
}

function score(result: LinkResult, keep: ReadonlySet<string> | undefined, only?: number): FoldFigure {
  const models = new Map(result.models.map((x) => [x.id, x]));
  const f: FoldFigure = { right: 0, made: 0, curated: 0, falseOut: 0, out: 0, rightOut: 0, variants: 0 };
  for (const link of result.links) {
    const expected = curated.get(link.offering);
    if (expected === undefined) continue;
    if (only !== undefined && foldOf(link.offering.slice(0, link.offering.indexOf("/"))) !== only) continue;
    f.curated++;
    const model = models.get(link.model);
    const made = link.method !== "new" && (model?.known === true || model?.base !== undefined);
    const taken = keep !== undefined && !keep.has(expected);
    if (taken) f.out++;
    if (!made) continue;
    f.made++;
    // A model taken out may come back minted under its own id, as a variant of a remaining model: that is right.
    if (link.model.toLowerCase() === expected.toLowerCase()) {
      f.right++;
      if (taken) f.rightOut++;
    } else if (taken) f.falseOut++;
    else if (model?.base === expected) f.variants++;
  }
  return f;
}

function foldLine(label: string, f: FoldFigure): string {
  const out = f.out ? `; offerings of the models taken out linked anyway ${f.falseOut}/${f.out}` : "";
  const recall = pct(f.right - f.rightOut, f.curated - f.out);
  const lenient = `${
    (100 * (f.right + f.variants) / f.made).toFixed(2)
  }% counting variants of the curated model`;
  return `  ${label}: precision ${pct(f.right, f.made)} (${lenient}), recall ${recall}${out}`;
}

function heldOut(title: string, all: readonly LinkOffering[], models: readonly KnownModel[]): void {
  console.log(`\nheld-out folds, ${title}:`);
  const whole = linkOfferings(all, models);
  const byProvider = Array.from({ length: FOLDS }, (_, i) => score(whole, undefined, i));
  const byModel = Array.from({ length: FOLDS }, (_, i) => {
    const keep = withoutFold(models, i);
    return score(linkOfferings(all, keep), new Set(keep.map((k) => k.id)));
  });
  byProvider.forEach((f, i) => console.log(foldLine(`providers fold ${i + 1}/${FOLDS}`, f)));
  byModel.forEach((f, i) => console.log(foldLine(`known models without family fold ${i + 1}/${FOLDS}`, f)));
  const worst = (fs: FoldFigure[]) => Math.min(...fs.map((f) => f.right / f.made));
  console.log(
    `  worst fold precision: by provider ${(100 * worst(byProvider)).toFixed(2)}%, by model family ${
      (100 * worst(byModel)).toFixed(2)
    }%`,
  );
}

console.log(
  [
    "\nheld-out folds (the rules were written by reading the misses above, so those figures flatter them):",
    `- providers: the curated links split into ${FOLDS} folds by provider; a rule that fits only a few providers`,
    "  shows as a weak fold.",
    `- model families: ${FOLDS} runs, each without one fold of the known models (a whole family: the model, its`,
    "  snapshots, its -latest/-preview aliases). Their offerings have no right answer left, so every link they",
    "  still get to a remaining model is wrong: the case of new data, where providers serve models the known",
    "  list does not have yet. Recall is over the offerings whose model stayed.",
  ].join("\n"),
);
heldOut("current api.json", offerings, known);
heldOut("older api.json", older, known);

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
