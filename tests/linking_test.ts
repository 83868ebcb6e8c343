import assert from "node:assert/strict";
import { linkOfferings, measureLinks } from "../src/reconcile/link/mod.ts";
import { loadLinkingFixtures } from "./helpers/linking_fixtures.ts";

const fixtures = await loadLinkingFixtures();

Deno.test("linking finds models.dev's curated base_model links from api.json alone", () => {
  const result = linkOfferings(fixtures.offerings, fixtures.known);
  const m = measureLinks(result, fixtures.curated);
  assert.ok(m.curated >= 1320, `curated links read from the archive: ${m.curated}`);
  assert.ok(m.recall >= 0.9, `recall ${m.recall.toFixed(4)} (${m.correct}/${m.curated})`);
  assert.ok(m.precision >= 0.98, `precision ${m.precision.toFixed(4)} (${m.correct}/${m.made})`);
});

Deno.test("linking gives every offering exactly one model, and every model it names exists", () => {
  const result = linkOfferings(fixtures.offerings, fixtures.known);
  assert.equal(result.links.length, fixtures.offerings.length);
  const ids = new Set(result.models.map((m) => m.id));
  assert.equal(ids.size, result.models.length, "model ids are unique");
  for (const l of result.links) assert.ok(ids.has(l.model), `${l.offering} → ${l.model}`);
  for (const m of result.models) {
    assert.match(m.id, /^[a-z0-9][a-z0-9.-]*\/[A-Za-z0-9][A-Za-z0-9.-]*$/, m.id);
    if (m.base) assert.ok(ids.has(m.base), `${m.id} → base ${m.base}`);
  }
  for (const k of fixtures.known) assert.ok(ids.has(k.id), k.id);
});

Deno.test("OpenRouter's models link to known models or to other providers' offerings", () => {
  const others = fixtures.offerings.filter((o) => o.provider !== "openrouter");
  const result = linkOfferings([...others, ...fixtures.openrouter], fixtures.known);
  const models = new Map(result.models.map((m) => [m.id, m]));
  const elsewhere = new Set(
    result.links.filter((l) => !l.offering.startsWith("openrouter/")).map((l) => l.model),
  );
  const ours = result.links.filter((l) => l.offering.startsWith("openrouter/"));
  assert.equal(ours.length, 364);
  const joined = ours.filter((l) => models.get(l.model)!.known || elsewhere.has(l.model));
  assert.ok(joined.length / ours.length >= 0.9, `${joined.length}/${ours.length}`);
  const gpt4o = ours.find((l) => l.offering === "openrouter/openai/gpt-4o")!;
  assert.equal(gpt4o.model, "openai/gpt-4o");
  assert.equal(gpt4o.method, "explicit");
});
