import assert from "node:assert/strict";
import { embeddedCatalog } from "../catalog/mod.ts";
import { isStarmapError } from "../errors.ts";
import { parsePricingOverrides } from "./_overrides.ts";
import { PriceBook } from "./_price_book.ts";

const text = `
openai/gpt-4o:
  output: 8
google/gemini-2.5-pro:
  tiers:
    - { size: 100000, input: 2 }
acme/private-1:
  input: 0.1
  output: 0.2
`;

Deno.test("overrides replace catalog prices field by field and tiers as a whole, and add models", () => {
  const registry = new PriceBook(embeddedCatalog(), {
    overrides: parsePricingOverrides(text, "o.yaml"),
  });
  const gpt = registry.get("openai/gpt-4o")!;
  assert.deepEqual([gpt.pricing?.input, gpt.pricing?.output, gpt.pricing?.cacheRead], [2.5, 8, 1.25]);
  assert.equal(gpt.overridden, true);
  assert.deepEqual(registry.get("google/gemini-2.5-pro")!.pricing!.tiers, [{ size: 100_000, input: 2 }]);
  const extra = registry.lookup("private-1");
  assert.equal(extra.length, 1);
  assert.equal(extra[0]!.key, "acme/private-1");
  assert.equal(extra[0]!.model, undefined);
  assert.deepEqual(registry.entries(["acme"]).map((e) => e.key), ["acme/private-1"]);
  assert.equal(registry.get("anthropic/claude-sonnet-4-5")!.overridden, false);
});

Deno.test("override errors name the file, line, key and field", () => {
  const cases: [string, RegExp][] = [
    ["openai/gpt-4o:\n  input: [1\n", /^invalid pricing file f\.yaml:\d+:\d+: /],
    [
      "openai/gpt-4o:\n  cache_read: 1\n",
      /f\.yaml:2:3: key "openai\/gpt-4o": field cache_read: unknown field/,
    ],
    ["a/b:\n  input: -1\n", /f\.yaml:2:3: key "a\/b": field input: .*>=0/],
    ["a/b:\n  input: ten\n", /key "a\/b": field input: .*expected number/],
    [
      "a/b:\n  tiers:\n    - { size: 2, input: 1 }\n    - { size: 1, input: 1 }\n",
      /field tiers: tiers must be ordered/,
    ],
    ["Bad/b: {}\n", /f\.yaml:1:1: key "Bad\/b": provider "Bad" is not a lowercase id/],
    ["- a\n", /expected a map of provider\/model keys/],
    ["a/b: {}\na/b: {}\n", /f\.yaml:2:1: Map keys must be unique/],
  ];
  for (const [content, message] of cases) {
    assert.throws(() => parsePricingOverrides(content, "f.yaml"), (e: unknown) => {
      assert.ok(isStarmapError(e, "invalid"));
      assert.match(e.message, message);
      return true;
    });
  }
});
