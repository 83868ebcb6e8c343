import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import { Catalog } from "./catalog.ts";
import type { CatalogData, Model } from "./schema.ts";

function model(provider: string, id: string, extra: Partial<Model> = {}): Model {
  return {
    id,
    provider,
    name: id.toUpperCase(),
    authors: ["lab"],
    modalities: { input: ["text"], output: ["text"] },
    capabilities: { attachments: false, reasoning: false, toolCalls: false },
    limits: { context: 8000 },
    ...extra,
  };
}

function data(): CatalogData {
  return {
    version: 1,
    updatedAt: "2026-07-02T00:00:00.000Z",
    providers: [
      { id: "alpha", name: "Alpha", env: ["ALPHA_KEY"], aliases: ["a"] },
      { id: "beta", name: "Beta", env: [] },
    ],
    authors: [{ id: "lab", name: "Lab" }, { id: "other", name: "Other" }],
    models: [
      model("alpha", "m1", { pricing: { input: 1, output: 2 } }),
      model("alpha", "org/m2", {
        authors: ["other"],
        capabilities: { attachments: false, reasoning: true, toolCalls: true },
      }),
      model("beta", "m1", { pricing: { input: 0.5, output: 1 }, limits: { context: 200000 } }),
    ],
  };
}

Deno.test("indexes: provider/model, bare id, provider and author", () => {
  const c = Catalog.from(data());
  assert.equal(c.model("alpha/m1")?.pricing?.input, 1);
  assert.deepEqual(c.modelsById("m1").map((m) => m.provider), ["alpha", "beta"]);
  assert.equal(c.modelsByProvider("alpha").length, 2);
  assert.equal(c.modelsByProvider("a").length, 2, "aliases resolve");
  assert.deepEqual(c.modelsByAuthor("other").map((m) => m.id), ["org/m2"]);
  assert.deepEqual([...c.authorProviders("lab").entries()], [["alpha", 1], ["beta", 1]]);
});

Deno.test("lookup handles model ids that contain a slash and provider aliases", () => {
  const c = Catalog.from(data());
  assert.equal(c.lookup("alpha/org/m2")[0]?.id, "org/m2");
  assert.equal(c.lookup("a/org/m2")[0]?.provider, "alpha");
  assert.equal(c.lookup("org/m2")[0]?.provider, "alpha", "bare id with a slash");
});

Deno.test("resolveModel: ambiguous bare id is invalid and lists the providers", () => {
  const c = Catalog.from(data());
  assert.throws(() => c.resolveModel("m1"), (e: unknown) => {
    assert.ok(e instanceof StarmapError);
    assert.equal(e.kind, "invalid");
    assert.deepEqual(e.suggestions, ["alpha/m1", "beta/m1"]);
    return true;
  });
});

Deno.test("resolveModel: unknown id is not_found with the nearest matches", () => {
  const c = Catalog.from(data());
  assert.throws(() => c.resolveModel("alpha/m3"), (e: unknown) => {
    assert.ok(e instanceof StarmapError);
    assert.equal(e.kind, "not_found");
    assert.ok(e.suggestions.includes("alpha/m1"));
    return true;
  });
  assert.throws(() => c.resolveProvider("alpah"), /provider "alpah" not found/);
});

Deno.test("the snapshot is deeply frozen", () => {
  const c = Catalog.from(data());
  const m = c.model("alpha/m1")!;
  assert.throws(() => {
    (m.limits as { context?: number }).context = 1;
  }, TypeError);
  assert.ok(Object.isFrozen(c.models));
});

Deno.test("query filters, sorts, pages and reports the total", () => {
  const c = Catalog.from(data());
  assert.equal(c.query({ provider: ["beta"] }).total, 1);
  assert.equal(c.query({ capabilities: ["tools", "reasoning"] }).items[0]?.id, "org/m2");
  assert.deepEqual(c.query({ sort: "input_price" }).items.map((m) => `${m.provider}/${m.id}`), [
    "beta/m1",
    "alpha/m1",
    "alpha/org/m2",
  ]);
  const page = c.query({ limit: 1, offset: 1 });
  assert.equal(page.items.length, 1);
  assert.equal(page.total, 3);
  assert.throws(() => c.query({ provider: ["nope"] }), /provider "nope" not found/);
  assert.throws(() => c.query({ author: ["nope"] }), /author "nope" not found/);
});

Deno.test("every object and array of the embedded snapshot is frozen; equal string lists are shared", async () => {
  const { embeddedCatalogData } = await import("./embedded.ts");
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
  const [a, b] = c.modelsByProvider("openai").filter((m) => m.modalities.output.join() === "text");
  assert.ok(a && b && a !== b);
  assert.equal(a.modalities.output, b.modalities.output, "one frozen array for equal lists");
});
