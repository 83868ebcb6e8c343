import assert from "node:assert/strict";
import { MODELS_DEV_FIELDS_USED } from "../sources/mod.ts";
import { embeddedCatalogData } from "../catalog/mod.ts";
import { CatalogData, ModelId, type OfferingRecord } from "../catalog/mod.ts";
import type { DevApi } from "../sources/mod.ts";
import { readSnapshot, snapshotResult } from "../../tests/helpers/snapshot_source.ts";
import { Authority } from "./_authority.ts";
import { deriverFromCatalog } from "./_authors.ts";
import { diffCatalogs } from "./_changeset.ts";
import { reconcile, type SourceSnapshot } from "./_reconcile.ts";

const OLD_AT = "2026-05-25T00:00:00.000Z";
const NEW_AT = "2026-07-02T00:00:00.000Z";
const empty: CatalogData = {
  version: 2,
  updatedAt: OLD_AT,
  providers: [],
  authors: [],
  models: [],
  offerings: [],
};
const deriver = deriverFromCatalog(embeddedCatalogData());
const devSource = { id: "models.dev", kind: "models_dev" } as const;

/** The fields of a raw models.dev model that starmap keeps (top-level names of what its translator uses). */
const KEPT = [...new Set(MODELS_DEV_FIELDS_USED.model.map((f) => f.split(".")[0]!))].filter((f) =>
  f !== "id"
);

/** Canonical JSON with sorted keys, where an empty list or a null counts as absent (as in the catalog). */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null && !(Array.isArray(x) && x.length === 0))
            .sort(([a], [b]) => a < b ? -1 : 1),
        )
        : v,
  );
}

function project(raw: Record<string, unknown>, keys: readonly string[]): string {
  return canonical(Object.fromEntries(keys.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])));
}

/** The models of a snapshot that a catalog can hold (ids with spaces are rejected by the schema), by key. */
function modelKeys(api: DevApi): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const p of Object.values(api)) {
    for (const m of Object.values(p.models)) {
      if (ModelId.safeParse(m.id).success) out.set(`${p.id}/${m.id}`, m);
    }
  }
  return out;
}

function snap(api: DevApi, at: string): SourceSnapshot {
  return { source: devSource, result: snapshotResult(api), at };
}

const oldApi = readSnapshot("api-2026-05-25.json");
const newApi = readSnapshot("api.json");

Deno.test("reconciling the newer models.dev snapshot over the older one matches an independent count", () => {
  const first = reconcile({ baseline: empty, results: [snap(oldApi, OLD_AT)], now: OLD_AT, deriver });
  assert.ok(CatalogData.safeParse(first.data).success);
  const second = reconcile({
    baseline: first.data,
    provenance: first.provenance,
    results: [snap(newApi, NEW_AT)],
    now: NEW_AT,
    deriver,
  });
  assert.ok(CatalogData.safeParse(second.data).success, "the reconciled catalog is valid");
  const changes = diffCatalogs(first.data, second.data);

  const before = modelKeys(oldApi);
  const after = modelKeys(newApi);
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const updated = [...after.keys()].filter((k) =>
    before.has(k) && project(before.get(k)!, KEPT) !== project(after.get(k)!, KEPT)
  );
  assert.equal(changes.summary.offerings.added, added.length);
  assert.equal(changes.summary.offerings.removed, removed.length);
  // Links are starmap's own: an offering whose only change is its link is not an upstream change.
  const upstream = changes.offerings.updated.filter((u) =>
    u.changes.some((c) => c.path !== "model" && !c.path.startsWith("link."))
  );
  assert.equal(upstream.length, updated.length);
  assert.deepEqual(new Set(changes.offerings.added.map((m) => `${m.provider}/${m.id}`)), new Set(added));
  assert.deepEqual(new Set(changes.offerings.removed.map((m) => `${m.provider}/${m.id}`)), new Set(removed));
  assert.deepEqual(new Set(upstream.map((u) => u.key)), new Set(updated));
  const moved = changes.offerings.updated.filter((u) => u.changes.some((c) => c.path === "model"));
  assert.deepEqual(
    changes.links.map((l) => l.offering),
    moved.map((u) => u.key),
    "every moved link is reported",
  );
  assert.equal(changes.summary.links, moved.length);

  const oldProviders = new Set(Object.keys(oldApi));
  const newProviders = new Set(Object.keys(newApi));
  assert.equal(changes.summary.providers.added, [...newProviders].filter((p) => !oldProviders.has(p)).length);
  assert.deepEqual(
    changes.providers.removed.map((p) => p.id),
    [...oldProviders].filter((p) => !newProviders.has(p)),
  );
  assert.equal(second.data.offerings.length, after.size);
});

Deno.test("the field diffs of an updated model name each changed path with its old and new value", () => {
  const first = reconcile({ baseline: empty, results: [snap(oldApi, OLD_AT)], now: OLD_AT, deriver });
  const second = reconcile({
    baseline: first.data,
    provenance: first.provenance,
    results: [snap(newApi, NEW_AT)],
    now: NEW_AT,
    deriver,
  });
  const changes = diffCatalogs(first.data, second.data);
  const before = modelKeys(oldApi);
  const after = modelKeys(newApi);
  // A model whose input price changed between the snapshots, found from the raw files.
  const key = [...after.keys()].sort().find((k) => {
    const a = before.get(k)?.["cost"] as { input?: number } | undefined;
    const b = after.get(k)?.["cost"] as { input?: number } | undefined;
    return a?.input !== undefined && b?.input !== undefined && a.input !== b.input;
  });
  assert.ok(key, "the snapshots hold a price change");
  const update = changes.offerings.updated.find((u) => u.key === key);
  assert.ok(update);
  const price = update.changes.find((c) => c.path === "pricing.input");
  assert.deepEqual(price, {
    path: "pricing.input",
    old: (before.get(key)!["cost"] as { input: number }).input,
    new: (after.get(key)!["cost"] as { input: number }).input,
  });
  for (const c of update.changes) {
    const raw = c.path.split(".")[0]!;
    assert.ok(!["id", "provider"].includes(raw));
  }
  // A model whose release date changed, found from the raw files: the diff names exactly that path.
  const dated = [...after.keys()].sort().find((k) =>
    before.has(k) && before.get(k)!["release_date"] !== after.get(k)!["release_date"] &&
    /^\d{4}-\d{2}-\d{2}$/.test(String(before.get(k)!["release_date"])) &&
    /^\d{4}-\d{2}-\d{2}$/.test(String(after.get(k)!["release_date"]))
  );
  if (dated) {
    const c = changes.offerings.updated.find((u) => u.key === dated)!.changes.find((x) =>
      x.path === "releaseDate"
    );
    assert.deepEqual(c, {
      path: "releaseDate",
      old: before.get(dated)!["release_date"],
      new: after.get(dated)!["release_date"],
    });
  }
});

function rec(provider: string, id: string, extra: Partial<OfferingRecord> = {}): OfferingRecord {
  return { provider, id, ...extra };
}

function result(models: OfferingRecord[], complete: string[] = []) {
  return { providers: [], authors: [], offerings: models, complete, notes: [] };
}

Deno.test("authority: models.dev wins prices, provider APIs win capabilities, local wins everything it sets", () => {
  const out = reconcile({
    baseline: empty,
    now: NEW_AT,
    deriver,
    results: [
      {
        source: { id: "openai", kind: "provider_api" },
        at: NEW_AT,
        result: result([rec("openai", "gpt-x", {
          pricing: { input: 9 },
          capabilities: { toolCalls: true },
          limits: { context: 1000 },
        })]),
      },
      {
        source: devSource,
        at: NEW_AT,
        result: result([rec("openai", "gpt-x", {
          name: "GPT X",
          pricing: { input: 2, output: 8 },
          capabilities: { toolCalls: false, reasoning: true },
          limits: { context: 2000 },
        })]),
      },
      {
        source: { id: "local", kind: "local" },
        at: NEW_AT,
        result: result([rec("openai", "gpt-x", { pricing: { output: 7 }, description: "mine" })]),
      },
    ],
  });
  const m = out.data.offerings[0]!;
  assert.equal(m.pricing?.input, 2);
  assert.equal(m.pricing?.output, 7);
  assert.equal(m.capabilities.toolCalls, true);
  assert.equal(m.capabilities.reasoning, true);
  assert.equal(m.limits.context, 2000);
  assert.equal(m.description, "mine");
  assert.equal(m.name, "GPT X");
  const prov = out.provenance.offerings["openai/gpt-x"]!;
  assert.deepEqual(prov["pricing.input"]!.map((e) => [e.source, e.value]), [["models.dev", 2], [
    "openai",
    9,
  ]]);
  assert.equal(prov["pricing.output"]![0]!.source, "local");
  assert.ok(prov["pricing.input"]![0]!.priority > prov["pricing.input"]![1]!.priority);
});

Deno.test("authority: config patterns override the defaults, and source-order ranks every field alike", () => {
  const custom = new Authority({ authority: { "pricing.input": ["litellm", "models_dev"] } });
  const lite = { id: "litellm", kind: "litellm" } as const;
  assert.ok(custom.priority("pricing.input", lite) > custom.priority("pricing.input", devSource));
  assert.ok(custom.priority("pricing.output", lite) < custom.priority("pricing.output", devSource));
  assert.ok(custom.priority("limits.context", devSource) > custom.priority("limits.context", lite));
  const api = { id: "openai", kind: "provider_api" } as const;
  assert.ok(
    custom.priority("capabilities.toolCalls", api) > custom.priority("capabilities.toolCalls", devSource),
  );
  const ordered = new Authority({ strategy: "source-order", order: ["litellm", "openai", "models.dev"] });
  for (const f of ["pricing.input", "capabilities.reasoning", "name"]) {
    assert.ok(ordered.priority(f, lite) > ordered.priority(f, api));
    assert.ok(ordered.priority(f, api) > ordered.priority(f, devSource));
  }
  assert.equal(custom.canCreate(lite), false);
  assert.equal(custom.canCreate(api), true);
});

Deno.test("removal: only a complete source that ran and stopped listing a model removes it", () => {
  const base = reconcile({
    baseline: empty,
    now: OLD_AT,
    deriver,
    results: [{
      source: devSource,
      at: OLD_AT,
      result: result([rec("p", "a"), rec("p", "b"), rec("q", "c")], ["p"]),
    }],
  });
  assert.equal(base.data.offerings.length, 3);
  // A source that is not complete for p does not remove p/b by not listing it.
  const partial = reconcile({
    baseline: base.data,
    provenance: base.provenance,
    now: NEW_AT,
    deriver,
    results: [{ source: { id: "litellm", kind: "litellm" }, at: NEW_AT, result: result([rec("p", "a")]) }],
  });
  assert.deepEqual(partial.data.offerings.map((m) => m.id), ["a", "b", "c"]);
  // LiteLLM only enriches: it cannot add a model.
  const lite = reconcile({
    baseline: base.data,
    now: NEW_AT,
    deriver,
    results: [{ source: { id: "litellm", kind: "litellm" }, at: NEW_AT, result: result([rec("p", "z")]) }],
  });
  assert.equal(lite.data.offerings.length, 3);
  // The complete source runs and no longer lists p/b: removed; q (not complete) keeps c.
  const full = reconcile({
    baseline: base.data,
    provenance: base.provenance,
    now: NEW_AT,
    deriver,
    results: [{ source: devSource, at: NEW_AT, result: result([rec("p", "a")], ["p"]) }],
  });
  assert.deepEqual(full.data.offerings.map((m) => `${m.provider}/${m.id}`), ["p/a", "q/c"]);
  // A local override keeps a model that the complete source dropped.
  const kept = reconcile({
    baseline: base.data,
    provenance: base.provenance,
    now: NEW_AT,
    deriver,
    results: [
      { source: devSource, at: NEW_AT, result: result([rec("p", "a")], ["p"]) },
      { source: { id: "local", kind: "local" }, at: NEW_AT, result: result([rec("p", "b", { name: "B" })]) },
    ],
  });
  assert.deepEqual(kept.data.offerings.map((m) => m.id), ["a", "b", "c"]);
  // Scoped to provider q, nothing of p changes even though the complete source lists less.
  const scoped = reconcile({
    baseline: base.data,
    provenance: base.provenance,
    now: NEW_AT,
    deriver,
    providers: ["q"],
    results: [{ source: devSource, at: NEW_AT, result: result([rec("q", "c", { name: "C" })], ["q"]) }],
  });
  assert.deepEqual(scoped.data.offerings.map((m) => `${m.provider}/${m.id}:${m.name}`), [
    "p/a:a",
    "p/b:b",
    "q/c:C",
  ]);
});

Deno.test("a field given by a source that ran and no longer gives it disappears; others are kept", () => {
  const base = reconcile({
    baseline: empty,
    now: OLD_AT,
    deriver,
    results: [
      {
        source: devSource,
        at: OLD_AT,
        result: result([rec("p", "a", { pricing: { input: 1, output: 2 } })]),
      },
      {
        source: { id: "litellm", kind: "litellm" },
        at: OLD_AT,
        result: result([rec("p", "a", { pricing: { cacheRead: 0.5 } })]),
      },
    ],
  });
  assert.deepEqual(base.data.offerings[0]!.pricing, { input: 1, output: 2, cacheRead: 0.5 });
  const next = reconcile({
    baseline: base.data,
    provenance: base.provenance,
    now: NEW_AT,
    deriver,
    results: [{ source: devSource, at: NEW_AT, result: result([rec("p", "a", { pricing: { input: 1 } })]) }],
  });
  assert.deepEqual(next.data.offerings[0]!.pricing, { input: 1, cacheRead: 0.5 });
  assert.equal(next.provenance.offerings["p/a"]!["pricing.cacheRead"]![0]!.source, "litellm");
  // LiteLLM runs alone with another price: models.dev's kept value still outranks it.
  const lite = reconcile({
    baseline: next.data,
    provenance: next.provenance,
    now: NEW_AT,
    deriver,
    results: [{
      source: { id: "litellm", kind: "litellm" },
      at: NEW_AT,
      result: result([rec("p", "a", { pricing: { input: 5, cacheRead: 0.4 } })]),
    }],
  });
  assert.deepEqual(lite.data.offerings[0]!.pricing, { input: 1, cacheRead: 0.4 });
});

Deno.test("merged records that break cross-field rules are repaired, never saved invalid", () => {
  const out = reconcile({
    baseline: empty,
    now: NEW_AT,
    deriver,
    results: [
      { source: devSource, at: NEW_AT, result: result([rec("p", "a", { limits: { context: 100 } })]) },
      {
        source: { id: "p", kind: "provider_api" },
        at: NEW_AT,
        result: result([rec("p", "a", { limits: { input: 500 } })]),
      },
    ],
  });
  assert.ok(CatalogData.safeParse(out.data).success);
  assert.equal(out.data.offerings[0]!.limits.input, undefined);
  assert.ok(out.notes.some((n) => n.includes("limits.input")));
});
