import assert from "node:assert/strict";
import { embeddedCatalog } from "../catalog/mod.ts";
import { CostCalculator } from "./_calculator.ts";
import { parsePricingOverrides } from "./_overrides.ts";
import { PriceBook } from "./_price_book.ts";
import { CostBreakdown, CostRequest, CostResponse } from "./_schema.ts";

const calc = new CostCalculator(new PriceBook(embeddedCatalog()));

const overrides = `
acme/voice-1:
  input: 1
  output: 2
  perRequest: 0.002
  audioInputPerSecond: 0.0001
  audioOutputPerSecond: 0.00025
  videoInputPerSecond: 0.001
  videoOutputPerSecond: 0.1
  inputPerCharacter: 0.000015
  outputPerCharacter: 0.00003
  imageInput: 0.0011
  perPage: 0.001
  annotationPerPage: 0.004
  perQuery: 0.002
  pixelOutput: 0.03
  regionMultipliers: { eu: 1.1 }
  batch:
    input: 0.5
    tiers:
      - { size: 1000, input: 0.75 }
`;
const custom = new CostCalculator(
  new PriceBook(embeddedCatalog(), { overrides: parsePricingOverrides(overrides, "o.yaml") }),
);

function line(r: CostBreakdown, component: string) {
  return r.components.find((c) => c.component === component);
}

Deno.test("web searches cost the catalog's price per 1K searches; generated images per image", () => {
  // google/gemini-2.5-flash-image: output 30 per 1M tokens, 0.039 per image, web search 35 per 1K searches.
  const r = calc.cost("google/gemini-2.5-flash-image", { output: 1_000, imagesOut: 3, webSearches: 2 });
  assert.equal(line(r, "imagesOut")?.usd, "0.117000"); // 3 × 0.039
  assert.deepEqual([line(r, "imagesOut")?.unit, line(r, "imagesOut")?.per], ["image", 1]);
  assert.equal(line(r, "webSearches")?.usd, "0.070000"); // 2 × 35 / 1000
  assert.deepEqual([line(r, "webSearches")?.unit, line(r, "webSearches")?.per], ["search", 1000]);
  assert.equal(line(r, "output")?.usd, "0.030000");
  assert.equal(r.total, "0.217000");
  assert.equal(r.status, "priced");
  CostBreakdown.parse(r);
});

Deno.test("every unit quantity is its own component, priced exactly", () => {
  const r = custom.cost("acme/voice-1", {
    requests: 3,
    audioSecondsIn: 12.5,
    audioSecondsOut: 4,
    videoSecondsIn: 10,
    videoSecondsOut: 8,
    charactersIn: 1_000,
    charactersOut: 333,
    imagesIn: 7,
    pages: 9,
    annotatedPages: 2,
    queries: 11,
    pixelsOut: 1_048_576,
  });
  const got = Object.fromEntries(r.components.map((c) => [c.component, c.usd]));
  assert.deepEqual(got, {
    requests: "0.006000",
    imagesIn: "0.007700",
    audioSecondsIn: "0.001250",
    audioSecondsOut: "0.001000",
    videoSecondsIn: "0.010000",
    videoSecondsOut: "0.800000",
    charactersIn: "0.015000",
    charactersOut: "0.009990",
    pages: "0.009000",
    annotatedPages: "0.008000",
    queries: "0.022000",
    pixelsOut: "0.031457", // 1,048,576 × 0.03 per 1M = 0.03145728
  });
  assert.equal(r.total, "0.921397"); // 0.88194 + 0.008 + 0.03145728, rounded once
  assert.deepEqual([line(r, "pixelsOut")?.unit, line(r, "pixelsOut")?.per], ["pixel", 1_000_000]);
  assert.equal(r.status, "priced");
  assert.equal(line(r, "requests")?.tokens, undefined);
});

Deno.test("a quantity whose price the offering lacks makes the result incomplete, never zero", () => {
  const r = calc.cost("openai/gpt-4o", { input: 1_000, pages: 5, requests: 1 });
  assert.equal(r.status, "incomplete");
  assert.equal(r.total, "0.002500");
  assert.equal(line(r, "pages")?.usd, null);
  assert.equal(line(r, "pages")?.price, null);
  assert.equal(line(r, "requests")?.usd, null);
});

Deno.test("a service rate uses that rate's prices, and says so when the offering lacks the rate", () => {
  // openai/gpt-5: flex input 0.625, output 5, cache read 0.0625; no batch rate.
  const flex = calc.cost("openai/gpt-5", { input: 1_000_000, output: 100_000, cachedRead: 10 }, undefined, {
    service: "flex",
  });
  assert.equal(flex.service, "flex");
  assert.equal(flex.total, "1.125001"); // 0.625 + 0.5 + 0.000000625
  assert.equal(flex.status, "priced");
  const batch = calc.cost("openai/gpt-5", { input: 1_000 }, undefined, { service: "batch" });
  assert.equal(batch.status, "unknown");
  assert.equal(batch.total, null);
  assert.match(batch.notes.join("\n"), /has no batch rate/);
  // gpt-4o's batch rate has no cache-read price: the standard one is not used.
  const partial = calc.cost("openai/gpt-4o", { input: 1_000, cachedRead: 1_000 }, undefined, {
    service: "batch",
  });
  assert.equal(partial.status, "incomplete");
  assert.equal(line(partial, "input")?.usd, "0.001250");
  assert.equal(line(partial, "cachedRead")?.usd, null);
  assert.match(partial.notes.join("\n"), /batch rate lists no price for cachedRead/);
});

Deno.test("a service rate's own context tiers apply", () => {
  const r = custom.cost("acme/voice-1", { input: 2_000 }, undefined, { service: "batch" });
  assert.equal(r.tier, 1_000);
  assert.equal(line(r, "input")?.priceFrom, "tier");
  assert.equal(r.total, "0.001500"); // 2,000 × 0.75
});

Deno.test("a known region multiplies every price; an unknown one is noted", () => {
  const eu = custom.cost("acme/voice-1", { input: 1_000_000, requests: 1 }, undefined, { region: "eu" });
  assert.equal(eu.regionMultiplier, 1.1);
  assert.equal(line(eu, "input")?.usd, "1.100000");
  assert.equal(line(eu, "input")?.pricePerMillion, 1.1);
  assert.equal(line(eu, "requests")?.usd, "0.002200");
  assert.equal(eu.total, "1.102200");
  const mars = custom.cost("acme/voice-1", { input: 1_000_000 }, undefined, { region: "mars" });
  assert.equal(mars.regionMultiplier, null);
  assert.equal(mars.total, "1.000000");
  assert.match(mars.notes.join("\n"), /no price multiplier known for region "mars"/);
});

Deno.test("a cost request carries the service, region and unit quantities", () => {
  const request = CostRequest.parse({
    model: "openai/gpt-4o",
    input: 10,
    webSearches: 1,
    service: "priority",
  });
  assert.equal(request.service, "priority");
  const response = calc.calculate(request);
  CostResponse.parse(response);
  assert.equal(response.service, "priority");
  assert.equal(response.usage.webSearches, 1);
  assert.equal(response.results[0]!.service, "priority");
  assert.throws(() => CostRequest.parse({ model: "x", service: "cheap" }));
  assert.throws(() => CostRequest.parse({ model: "x", requests: 1.5 }));
});
