import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import { Catalog } from "./_catalog.ts";
import { embeddedCatalog } from "./_embedded.ts";
import type { CatalogData, Model, Offering } from "./_schema.ts";

function offering(provider: string, id: string, model: string, extra: Partial<Offering> = {}): Offering {
  return {
    id,
    provider,
    model,
    link: { method: "spelling", confidence: 1 },
    name: id.toUpperCase(),
    authors: ["lab"],
    modalities: { input: ["text"], output: ["text"] },
    capabilities: { attachments: false, reasoning: false, toolCalls: false },
    limits: { context: 8000 },
    ...extra,
  };
}

function model(id: string, extra: Partial<Model> = {}): Model {
  return {
    id,
    name: id.toUpperCase(),
    authors: [id.split("/")[0]!],
    modalities: { input: ["text"], output: ["text"] },
    capabilities: {},
    limits: {},
    ...extra,
  };
}

function data(): CatalogData {
  return {
    version: 2,
    updatedAt: "2026-07-02T00:00:00.000Z",
    providers: [
      { id: "alpha", name: "Alpha", env: ["ALPHA_KEY"], aliases: ["a"] },
      { id: "beta", name: "Beta", env: [] },
    ],
    authors: [{ id: "lab", name: "Lab" }, { id: "other", name: "Other" }],
    models: [
      model("lab/m1"),
      model("lab/m1-20250101", { base: "lab/m1" }),
      model("other/m2", { authors: ["other"], capabilities: { reasoning: true, toolCalls: true } }),
    ],
    offerings: [
      offering("alpha", "m1", "lab/m1", { pricing: { input: 1, output: 2 }, params: ["tools"] }),
      offering("alpha", "org/m2", "other/m2", {
        authors: ["other"],
        capabilities: { attachments: false, reasoning: true, toolCalls: true },
        regions: ["us-east-1"],
      }),
      offering("beta", "m1", "lab/m1", {
        pricing: { input: 0.5, output: 1 },
        limits: { context: 200000 },
        lifecycle: { status: "deprecated", retirementDate: "2026-03-01" },
      }),
      offering("beta", "us.lab.m1-20250101-v1:0", "lab/m1-20250101", {
        pricing: { input: 0.7, output: 1.4 },
      }),
    ],
  };
}

Deno.test("indexes: offering key, provider's id, provider and author", () => {
  const c = Catalog.from(data());
  assert.equal(c.offering("alpha/m1")?.pricing?.input, 1);
  assert.equal(c.offering("a/org/m2")?.provider, "alpha", "aliases resolve");
  assert.deepEqual(c.offeringsById("m1").map((m) => m.provider), ["alpha", "beta"]);
  assert.equal(c.offeringsByProvider("a").length, 2, "aliases resolve");
  assert.deepEqual(c.modelsByAuthor("other").map((m) => m.id), ["other/m2"]);
  assert.deepEqual([...c.authorProviders("lab").entries()], [["alpha", 1], ["beta", 2]]);
});

Deno.test("model(): any spelling names the model; offerings() are cheapest first with date-pinned snapshots", () => {
  const c = Catalog.from(data());
  for (const spelling of ["lab/m1", "m1", "alpha/m1", "a/m1", "LAB/M1"]) {
    assert.equal(c.model(spelling)?.id, "lab/m1", spelling);
  }
  assert.equal(c.model("beta/us.lab.m1-20250101-v1:0")?.id, "lab/m1-20250101");
  assert.equal(c.model("org/m2")?.id, "other/m2", "a provider's id with a slash");
  assert.deepEqual(c.offerings("lab/m1").map((o) => `${o.provider}/${o.id}`), [
    "beta/m1",
    "beta/us.lab.m1-20250101-v1:0",
    "alpha/m1",
  ]);
  assert.equal(c.offerings("lab/m1", { snapshots: false }).length, 2);
});

Deno.test("resolve: a model id wins, an offering key names the offering and its model", () => {
  const c = Catalog.from(data());
  assert.deepEqual(c.resolve("lab/m1").offering, undefined);
  const r = c.resolve("beta/us.lab.m1-20250101-v1:0");
  assert.equal(r.model.id, "lab/m1-20250101");
  assert.equal(r.offering?.provider, "beta");
  assert.equal(c.resolve("m1", "beta").offering?.provider, "beta");
});

Deno.test("resolveOffering: a model served by several offerings is invalid and lists them", () => {
  const c = Catalog.from(data());
  assert.throws(() => c.resolveOffering("m1"), (e: unknown) => {
    assert.ok(e instanceof StarmapError);
    assert.equal(e.kind, "invalid");
    assert.deepEqual(e.suggestions, ["beta/m1", "beta/us.lab.m1-20250101-v1:0", "alpha/m1"]);
    return true;
  });
});

Deno.test("resolve: an unknown spelling is not_found with the nearest spellings", () => {
  const c = Catalog.from(data());
  assert.throws(() => c.resolve("alpha/m3"), (e: unknown) => {
    assert.ok(e instanceof StarmapError);
    assert.equal(e.kind, "not_found");
    assert.ok(e.suggestions.includes("alpha/m1"));
    return true;
  });
  assert.throws(() => c.resolveProvider("alpah"), /provider "alpah" not found/);
});

Deno.test("the snapshot is deeply frozen", () => {
  const c = Catalog.from(data());
  const m = c.offering("alpha/m1")!;
  assert.throws(() => {
    (m.limits as { context?: number }).context = 1;
  }, TypeError);
  assert.ok(Object.isFrozen(c.models));
});

Deno.test("query lists models with their providers and cheapest prices; offering filters narrow them", () => {
  const c = Catalog.from(data());
  const all = c.query();
  assert.equal(all.total, 3);
  const m1 = all.items.find((l) => l.model.id === "lab/m1")!;
  assert.deepEqual([m1.providers, m1.input, m1.output, m1.context], [2, 0.5, 1, 200000]);
  assert.deepEqual(c.query({ provider: ["beta"] }).items.map((l) => l.model.id), [
    "lab/m1",
    "lab/m1-20250101",
  ]);
  assert.equal(c.query({ capabilities: ["tools", "reasoning"] }).items[0]?.model.id, "other/m2");
  assert.deepEqual(c.query({ param: ["tools"] }).items.map((l) => l.model.id), ["lab/m1"]);
  assert.deepEqual(c.query({ region: ["US-EAST-1"] }).items.map((l) => l.model.id), ["other/m2"]);
  assert.deepEqual(c.query({ retiringBefore: "2026-06-01" }).items.map((l) => l.offerings.length), [1]);
  assert.deepEqual(c.query({ sort: "input_price" }).items.map((l) => l.model.id), [
    "lab/m1",
    "lab/m1-20250101",
    "other/m2",
  ]);
  const page = c.query({ limit: 1, offset: 1 });
  assert.equal(page.items.length, 1);
  assert.equal(page.total, 3);
  assert.throws(() => c.query({ provider: ["nope"] }), /provider "nope" not found/);
  assert.throws(() => c.query({ author: ["nope"] }), /author "nope" not found/);
});

Deno.test("queryOfferings filters, sorts, pages and reports the total", () => {
  const c = Catalog.from(data());
  assert.equal(c.queryOfferings({ provider: ["beta"] }).total, 2);
  assert.deepEqual(c.queryOfferings({ sort: "input_price" }).items.map((m) => `${m.provider}/${m.id}`), [
    "beta/m1",
    "beta/us.lab.m1-20250101-v1:0",
    "alpha/m1",
    "alpha/org/m2",
  ]);
  assert.deepEqual(c.queryOfferings({ status: ["deprecated"] }).items.map((o) => o.id), ["m1"]);
});

Deno.test("every object and array of the embedded snapshot is frozen; equal string lists are shared", async () => {
  const { embeddedCatalogData } = await import("./_embedded.ts");
  const c = Catalog.from(embeddedCatalogData());
  const unfrozen: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v !== "object" || v === null) return;
    if (!Object.isFrozen(v)) unfrozen.push(path);
    for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(c.data, "catalog");
  assert.deepEqual(unfrozen.slice(0, 5), []);
  assert.deepEqual(JSON.parse(JSON.stringify(c.data)), embeddedCatalogData(), "sharing changes no value");
  const [a, b] = c.offeringsByProvider("openai").filter((m) => m.modalities.output.join() === "text");
  assert.ok(a && b && a !== b);
  assert.equal(a.modalities.output, b.modalities.output, "one frozen array for equal lists");
});

Deno.test("resolve: an unknown model's suggestions come from the snapshot's name index", () => {
  const c = embeddedCatalog();
  for (const typo of ["openai/gpt-4o-mnii", "claude-sonet-4", "x".repeat(5_000)]) {
    assert.throws(() => c.resolve(typo), (e: unknown) => {
      assert.ok(e instanceof StarmapError && e.kind === "not_found");
      assert.deepEqual(e.suggestions, c.suggestModels(typo));
      return true;
    });
  }
  assert.ok(c.suggestModels("openai/gpt-4o-mnii").includes("openai/gpt-4o-mini"));
});
