import assert from "node:assert/strict";
import { embeddedCatalog } from "../catalog/mod.ts";
import { CostCalculator } from "./_calculator.ts";
import { parsePricingOverrides } from "./_overrides.ts";
import { PriceBook } from "./_price_book.ts";
import { CostBreakdown, CostRequest, CostResponse } from "./_schema.ts";

const calc = new CostCalculator(new PriceBook(embeddedCatalog()));

function usd(r: CostBreakdown, component: string): string | null | undefined {
  return r.components.find((c) => c.component === component)?.usd;
}

Deno.test("openai/gpt-4o: input 2.5, output 10, cache read 1.25 per 1M, checked by hand", () => {
  const r = calc.cost("openai/gpt-4o", { input: 12_000, output: 1_500, cachedRead: 2_000 });
  // 12,000 × 2.5 = 30,000 µ$; 1,500 × 10 = 15,000 µ$; 2,000 × 1.25 = 2,500 µ$.
  assert.equal(usd(r, "input"), "0.030000");
  assert.equal(usd(r, "output"), "0.015000");
  assert.equal(usd(r, "cachedRead"), "0.002500");
  assert.equal(r.total, "0.047500");
  assert.equal(r.status, "priced");
  assert.equal(r.complete, true);
  assert.equal(r.tier, null);
  CostBreakdown.parse(r);
});

Deno.test("google/gemini-2.5-pro: the 200K context tier applies only when the prompt exceeds it", () => {
  // Base 1.25 / 10 / cache read 0.125; above 200K: 2.5 / 15 / 0.25.
  const atLimit = calc.cost("google/gemini-2.5-pro", { input: 200_000, output: 1_000 });
  assert.equal(atLimit.tier, null);
  assert.equal(atLimit.total, "0.260000"); // 200,000 × 1.25 + 1,000 × 10 µ$
  const over = calc.cost("google/gemini-2.5-pro", { input: 150_000, cachedRead: 50_001, output: 10_000 });
  assert.equal(over.promptTokens, 200_001);
  assert.equal(over.tier, 200_000);
  assert.equal(usd(over, "input"), "0.375000"); // 150,000 × 2.5
  assert.equal(usd(over, "cachedRead"), "0.012500"); // 50,001 × 0.25 = 12,500.25 µ$ → 12,500
  assert.equal(usd(over, "output"), "0.150000"); // 10,000 × 15
  assert.equal(over.total, "0.537500");
  assert.ok(over.components.every((c) => c.priceFrom === "tier"));
});

Deno.test("a model whose prices are all zero is free", () => {
  const r = calc.cost("opencode/big-pickle", { input: 1_000_000, output: 1_000_000, cachedRead: 5 });
  assert.equal(r.status, "free");
  assert.equal(r.total, "0.000000");
  assert.equal(r.complete, true);
});

Deno.test("a model with no pricing is unknown, never free", () => {
  const r = calc.cost("openai/gpt-4.1-2025-04-14", { input: 1_000, output: 10 });
  assert.equal(r.status, "unknown");
  assert.equal(r.total, null);
  assert.equal(r.complete, false);
  assert.ok(r.components.every((c) => c.usd === null && c.pricePerMillion === null));
});

Deno.test("a component without a price makes the total incomplete; reasoning falls back to output", () => {
  // openai/gpt-4o has no audio price; its reasoning tokens cost the output price.
  const r = calc.cost("openai/gpt-4o", { input: 1_000, reasoning: 100, inputAudio: 50 });
  assert.equal(r.status, "incomplete");
  assert.equal(r.complete, false);
  assert.equal(usd(r, "inputAudio"), null);
  const reasoning = r.components.find((c) => c.component === "reasoning")!;
  assert.equal(reasoning.priceFrom, "output");
  assert.equal(reasoning.usd, "0.001000");
  assert.equal(r.total, "0.003500"); // 1,000 × 2.5 + 100 × 10 µ$
});

Deno.test("rounding is half up to the micro-dollar, from the exact sum", () => {
  const overrides = parsePricingOverrides(
    "acme/m:\n  input: 0.5\n  output: 4.35\n  cacheRead: 0.0375\n",
    "t.yaml",
  );
  const c = new CostCalculator(new PriceBook(embeddedCatalog(), { overrides }));
  assert.equal(c.cost("acme/m", { input: 1 }).total, "0.000001"); // 0.5 µ$ → 1
  assert.equal(c.cost("acme/m", { output: 10 }).total, "0.000044"); // 43.5 µ$ → 44
  assert.equal(c.cost("acme/m", { cachedRead: 13 }).total, "0.000000"); // 0.4875 µ$ → 0
  // Components 0.5 + 0.4875 µ$ round to 1 and 0, the exact sum 0.9875 to 1.
  const r = c.cost("acme/m", { input: 1, cachedRead: 13 });
  assert.equal(r.total, "0.000001");
  // Large counts stay exact: 999,999,999,999 × 4.35 µ$.
  assert.equal(c.cost("acme/m", { output: 999_999_999_999 }).total, "4349999.999996");
});

Deno.test("a bare id compares every offering of the model, cheapest first, unknown prices last", () => {
  const overrides = parsePricingOverrides("azure/gpt-4o:\n  input: 1\nacme/gpt-4o: {}\n", "t.yaml");
  const c = new CostCalculator(new PriceBook(embeddedCatalog(), { overrides }));
  const results = c.compare("gpt-4o", { input: 1_000, output: 100 });
  assert.equal(results.length, embeddedCatalog().lookupOfferings("gpt-4o").length + 1);
  const azure = results.find((r) => r.key === "azure/gpt-4o")!;
  assert.equal(azure.total, "0.002000");
  assert.equal(azure.overridden, true);
  const totals = results.filter((r) => r.status !== "unknown").map((r) => Number(r.total));
  assert.deepEqual(totals, [...totals].sort((a, b) => a - b));
  assert.ok(results.some((r) => r.key === "github-models/openai/gpt-4o"), "every offering, whatever its id");
  const unknown = results.findIndex((r) => r.status === "unknown");
  assert.ok(results.slice(unknown).every((r) => r.status === "unknown"), "unknown prices last");
  assert.equal(results.find((r) => r.key === "acme/gpt-4o")!.status, "unknown");
  assert.throws(
    () => c.cost("gpt-4o", { input: 1 }),
    (e: Error) => /served by \d+ providers/.test(e.message),
  );
  assert.equal(c.cost("gpt-4o", { input: 1_000 }, "openai").key, "openai/gpt-4o");
});

Deno.test("calculate answers a cost request in the documented response shape", () => {
  // An offering key that is no model id prices that offering.
  const request = CostRequest.parse({ model: "azure/gpt-4o", input: 1_000, output: 500 });
  const response = CostResponse.parse(calc.calculate(request));
  assert.equal(response.results.length, 1);
  assert.equal(response.results[0]!.key, "azure/gpt-4o");
  assert.equal(response.results[0]!.total, "0.007500");
  // A canonical model id prices every offering of the model, although the same text is OpenAI's offering key.
  const all = CostResponse.parse(calc.calculate({ model: "openai/gpt-4o", input: 1_000, output: 500 }));
  assert.ok(all.results.length > 5, `${all.results.length} offerings`);
  assert.ok(new Set(all.results.map((r) => r.provider)).has("openrouter"));
  assert.equal(all.results.find((r) => r.key === "openai/gpt-4o")!.total, "0.007500");
  assert.equal(response.usage.cachedRead, 0);
  assert.throws(() => CostRequest.parse({ model: "x", input: -1 }));
  assert.throws(() => CostRequest.parse({ model: "x", input: 1.5 }));
  assert.throws(() => CostRequest.parse({ model: "x", tokens: 1 }));
  assert.throws(() => calc.calculate({ model: "no-such-model-anywhere" }), /not found/);
});
