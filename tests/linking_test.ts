import assert from "node:assert/strict";
import { linkOfferings, measureLinks } from "../src/reconcile/link/mod.ts";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { reconcile } from "../src/reconcile/_reconcile.ts";
import { HttpClient } from "../src/http/_client.ts";
import { resolveProviderSource } from "../src/sources/providers/_from_env.ts";
import { FOLDS, loadLinkingFixtures, loadOlderOfferings, withoutFold } from "./helpers/linking_fixtures.ts";

const fixtures = await loadLinkingFixtures();

Deno.test("linking finds models.dev's curated base_model links from api.json alone", () => {
  const result = linkOfferings(fixtures.offerings, fixtures.known);
  const m = measureLinks(result, fixtures.curated);
  assert.ok(m.curated >= 1320, `curated links read from the archive: ${m.curated}`);
  assert.ok(m.recall >= 0.9, `recall ${m.recall.toFixed(4)} (${m.correct}/${m.curated})`);
  assert.ok(m.precision >= 0.98, `precision ${m.precision.toFixed(4)} (${m.correct}/${m.made})`);
});

Deno.test("linking keeps its recall and precision on the older api.json", async () => {
  const m = measureLinks(linkOfferings(await loadOlderOfferings(), fixtures.known), fixtures.curated);
  assert.ok(m.curated >= 850, `curated links among the older offerings: ${m.curated}`);
  assert.ok(m.recall >= 0.9, `recall ${m.recall.toFixed(4)} (${m.correct}/${m.curated})`);
  assert.ok(m.precision >= 0.98, `precision ${m.precision.toFixed(4)} (${m.correct}/${m.made})`);
});

Deno.test("offerings of models the known list lacks link to no other known model", () => {
  // Each fold of model families taken out in turn: their offerings have no right answer left among the known
  // models, so a link to a remaining one (or to a variant of one, under another id) is a false link.
  for (let fold = 0; fold < FOLDS; fold++) {
    const known = withoutFold(fixtures.known, fold);
    const kept = new Set(known.map((k) => k.id));
    const result = linkOfferings(fixtures.offerings, known);
    const models = new Map(result.models.map((m) => [m.id, m]));
    let out = 0;
    const linked: string[] = [];
    for (const l of result.links) {
      const expected = fixtures.curated.get(l.offering);
      if (expected === undefined || kept.has(expected)) continue;
      out++;
      const model = models.get(l.model)!;
      const made = l.method !== "new" && (model.known || model.base !== undefined);
      if (made && l.model.toLowerCase() !== expected.toLowerCase()) linked.push(`${l.offering} → ${l.model}`);
    }
    assert.ok(out > 100, `fold ${fold}: ${out} offerings taken out`);
    assert.ok(linked.length <= out / 100, `fold ${fold}: ${linked.length}/${out}: ${linked.join(", ")}`);
  }
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

Deno.test("OpenRouter's canonical_slug is read through the spelling rules and never mints a dated model", () => {
  const raw = fixtures.openrouter.find((o) => o.id === "anthropic/claude-sonnet-4.5")!;
  assert.equal(raw.hints?.canonicalSlug, "anthropic/claude-4.5-sonnet-20250929", "as OpenRouter states it");
  const known = [
    { id: "anthropic/claude-sonnet-4-5", name: "Claude Sonnet 4.5" },
    { id: "anthropic/claude-sonnet-4-5-20250929", name: "Claude Sonnet 4.5" },
    // An alias another provider's id minted in an earlier catalog: known in an update, but not what the slug names.
    { id: "anthropic/claude-4.5-sonnet", name: "Claude 4.5 Sonnet" },
  ];
  // The offering's own id names the model: the dated, reordered slug does not move it.
  const own = linkOfferings([raw], known);
  assert.equal(own.links[0]!.model, "anthropic/claude-sonnet-4-5");
  assert.equal(own.models.filter((m) => !m.known).length, 0, "nothing minted");
  // An id no spelling rule reaches: the slug decides, through its word order and without its date.
  const alias = { ...raw, id: "anthropic/sonnet-alias" };
  const stated = linkOfferings([alias], known.slice(0, 2));
  assert.deepEqual(
    [stated.links[0]!.model, stated.links[0]!.method, stated.links[0]!.evidence],
    ["anthropic/claude-sonnet-4-5", "explicit", "canonical_slug"],
  );
  assert.equal(stated.models.filter((m) => !m.known).length, 0, "nothing minted");
  // Every OpenRouter offering whose own id reaches a known model stays on it, whatever its slug says.
  const all = linkOfferings(fixtures.openrouter, fixtures.known);
  const plain = linkOfferings(fixtures.openrouter.map((o) => ({ ...o, hints: undefined })), fixtures.known);
  for (const [i, l] of all.links.entries()) {
    const p = plain.links[i]!;
    if (p.method === "spelling" && p.confidence >= 0.97) assert.equal(l.model, p.model, l.offering);
  }
});

Deno.test("an update with OpenRouter's real list relinks no offering of the embedded catalog", () => {
  const baseline = embeddedCatalogData();
  const page = JSON.parse(
    Deno.readTextFileSync(new URL("./fixtures/sources/openrouter/models.json", import.meta.url)),
  );
  const source = resolveProviderSource("openrouter", {
    http: new HttpClient(),
    providers: baseline.providers,
  })!;
  const result = source.translate([page]);
  assert.ok(Object.keys(result.hints ?? {}).length > 300);
  const now = "2026-07-03T00:00:00.000Z";
  const out = reconcile({
    baseline,
    results: [{ source: { id: "openrouter", kind: "provider_api" }, result, at: now }],
    now,
  });
  const before = new Map(baseline.offerings.map((o) => [`${o.provider}/${o.id}`, o.model]));
  const moved = out.data.offerings.filter((o) => {
    const b = before.get(`${o.provider}/${o.id}`);
    return b !== undefined && b !== o.model;
  }).map((o) => `${o.provider}/${o.id} → ${o.model}`);
  assert.deepEqual(moved, []);
  const models = new Set(baseline.models.map((m) => m.id));
  const sonnet = out.data.offerings.find((o) =>
    o.provider === "openrouter" && o.id === "anthropic/claude-sonnet-4.5"
  )!;
  assert.equal(sonnet.model, "anthropic/claude-sonnet-4-5");
  assert.ok(
    out.data.models.every((m) => models.has(m.id) || !/-20\d{6}$/.test(m.id)),
    "no dated model minted",
  );
});
