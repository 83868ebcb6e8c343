/**
 * Prints figures for the pricing module: cost calculations per second (single model and an all-provider comparison)
 * and the time to export every price in each format. Run: `deno run -A bench/pricing.ts`.
 *
 * @module
 */
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { CostCalculator } from "../src/pricing/_calculator.ts";
import { exportPricing, PriceExportFormat } from "../src/pricing/export/mod.ts";
import { PriceBook } from "../src/pricing/_price_book.ts";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function perSecond(label: string, n: number, fn: (i: number) => void): void {
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    rounds.push(performance.now() - start);
  }
  const ms = median(rounds);
  // deno-lint-ignore no-console
  console.log(`${label}: ${Math.round((n / ms) * 1000).toLocaleString("en-US")} /s (median of 5 × ${n})`);
}

const registry = new PriceBook(embeddedCatalog());
const calc = new CostCalculator(registry);
perSecond("cost openai/gpt-4o", 50_000, (i) => calc.cost("openai/gpt-4o", { input: 1000 + i, output: 500 }));
perSecond("cost google/gemini-2.5-pro (tiered)", 50_000, (i) => {
  calc.cost("google/gemini-2.5-pro", { input: 150_000 + i, cachedRead: 60_000, output: 2_000 });
});
perSecond(
  "compare gpt-4o (7 providers)",
  10_000,
  (i) => calc.compare("gpt-4o", { input: 1000 + i, output: 500 }),
);
for (const format of PriceExportFormat.options) {
  const times: number[] = [];
  let size = 0;
  let models = 0;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const result = exportPricing(registry, format);
    times.push(performance.now() - start);
    size = result.text.length;
    models = result.models;
  }
  // deno-lint-ignore no-console
  console.log(`export ${format}: ${median(times).toFixed(1)} ms median, ${models} models, ${size} bytes`);
}
