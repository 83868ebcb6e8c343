/**
 * The `@starmap/cli/pricing` door: unit quantities, service rates and the component table through the library.
 */
import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { COST_COMPONENTS, CostCalculator, PriceBook, type UsageInput } from "../lib/pricing.ts";

Deno.test("the library prices unit quantities at a service rate and lists how each component is billed", () => {
  const calc = new CostCalculator(new PriceBook(embeddedCatalog()));
  const usage: UsageInput = { input: 1_000_000, webSearches: 1_000 };
  // google/gemini-2.5-pro: web search 35 per 1K searches; its priority rate lists token prices only.
  const standard = calc.cost("gemini-2.5-pro", usage, "google");
  assert.equal(standard.total, "37.500000"); // 1M tokens past the 200K tier at 2.5, and 35
  const priority = calc.cost("gemini-2.5-pro", usage, "google", { service: "priority" });
  assert.equal(
    priority.status,
    "incomplete",
    "the standard web search price is not used at the priority rate",
  );
  assert.equal(priority.total, "2.500000"); // the priority rate's own 200K tier
  assert.deepEqual(COST_COMPONENTS.webSearches, { field: "webSearch", unit: "search", per: 1000 });
  assert.equal(Object.keys(COST_COMPONENTS).length, 22);
});
