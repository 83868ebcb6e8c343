import assert from "node:assert/strict";
import type { CatalogData, OfferingRecord } from "../catalog/types.gen.ts";
import { Authority, type SourceRef } from "./_authority.ts";
import { diffCatalogs } from "./_changeset.ts";
import { EXISTENCE_FIELD } from "./_existence.ts";
import { reconcile, type ReconcileOutput, type SourceSnapshot } from "./_reconcile.ts";
import type { Provenance } from "./_provenance.ts";

const T0 = "2026-05-25T00:00:00.000Z";
const T1 = "2026-07-02T00:00:00.000Z";
const DEV: SourceRef = { id: "models.dev", kind: "models_dev" };
const API: SourceRef = { id: "openai", kind: "provider_api" };
const SHIPPED: SourceRef = { id: "embedded", kind: "embedded" };
const empty: CatalogData = {
  version: 2,
  updatedAt: T0,
  providers: [],
  authors: [],
  models: [],
  offerings: [],
};

/** A source's answer: the models it lists for `openai`, complete for `openai` unless told otherwise. */
function listing(source: SourceRef, ids: string[], complete = source.kind !== "embedded"): SourceSnapshot {
  const models: OfferingRecord[] = ids.map((id) => ({ provider: "openai", id, name: id.toUpperCase() }));
  return {
    source,
    at: T1,
    result: {
      providers: [{ id: "openai" }],
      authors: [],
      offerings: models,
      complete: complete ? ["openai"] : [],
      notes: [],
    },
  };
}

function run(
  base: { data: CatalogData; provenance?: Provenance | undefined },
  results: SourceSnapshot[],
  authority?: Authority,
): ReconcileOutput {
  return reconcile({
    baseline: base.data,
    provenance: base.provenance,
    results,
    now: T1,
    authority,
  });
}

const ids = (out: ReconcileOutput) => out.data.offerings.map((m) => m.id);
const witnesses = (out: ReconcileOutput, id: string) =>
  out.provenance.offerings[`openai/${id}`]![EXISTENCE_FIELD]!.map((e) => `${e.source}:${e.value}`);

Deno.test("existence: a model the provider API listed survives models.dev's list until the API drops it", () => {
  const both = run({ data: empty }, [listing(DEV, ["gpt", "o1"]), listing(API, ["gpt", "whisper"])]);
  assert.deepEqual(ids(both), ["gpt", "o1", "whisper"]);
  assert.deepEqual(witnesses(both, "gpt"), ["openai:complete", "models.dev:complete"]);
  // models.dev alone, listing neither whisper (API-only) nor o1 (which it alone knew).
  const dev = run(both, [listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(dev), ["gpt", "whisper"]);
  assert.deepEqual(witnesses(dev, "whisper"), ["openai:complete"]);
  // The API alone, no longer listing whisper: removed; gpt, which it still lists, stays.
  const api = run(dev, [listing(API, ["gpt"])]);
  assert.deepEqual(ids(api), ["gpt"]);
});

Deno.test("existence: the API's list does not remove what models.dev listed; each complete source answers for its own", () => {
  const base = run({ data: empty }, [listing(DEV, ["gpt", "o1-pro"]), listing(API, ["gpt"])]);
  const api = run(base, [listing(API, ["gpt"])]);
  assert.deepEqual(ids(api), ["gpt", "o1-pro"]);
  assert.deepEqual(witnesses(api, "o1-pro"), ["models.dev:complete"]);
  const gone = run(api, [listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(gone), ["gpt"], "models.dev removes o1-pro, which it alone listed");
});

Deno.test("existence: a baseline model of unknown origin stays against models.dev and goes when the API drops it", () => {
  const shipped: CatalogData = {
    ...run({ data: empty }, [listing(DEV, ["gpt", "whisper"])]).data,
    updatedAt: T0,
  };
  // No provenance: nothing says who listed whisper.
  const dev = run({ data: shipped }, [listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(dev), ["gpt", "whisper"]);
  assert.deepEqual(witnesses(dev, "whisper"), ["baseline:unknown"]);
  assert.deepEqual(witnesses(dev, "gpt"), ["models.dev:complete"]);
  assert.ok(dev.notes.some((n) => n.startsWith("openai: kept 1 model(s) of unknown origin")));
  // Its unknown origin is remembered: models.dev again, still kept; then the API, which does not list it.
  const again = run(dev, [listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(again), ["gpt", "whisper"]);
  assert.equal(again.provenance.offerings["openai/whisper"]![EXISTENCE_FIELD]![0]!.at, T0);
  assert.deepEqual(ids(run(again, [listing(API, ["gpt"])])), ["gpt"]);
  // With models.dev ranked above provider APIs for existence, models.dev decides alone.
  const devFirst = new Authority({ authority: { existence: ["local", "models_dev", "provider_api"] } });
  assert.deepEqual(ids(run({ data: shipped }, [listing(DEV, ["gpt"])], devFirst)), ["gpt"]);
});

Deno.test("existence: the shipped catalog's listing says nothing of origin", () => {
  const base = run({ data: empty }, [listing(DEV, ["gpt", "old"])]);
  // The shipped catalog still lists `old`, but models.dev, which listed it, dropped it.
  const out = run(base, [listing(SHIPPED, ["gpt", "old", "new"]), listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(out), ["gpt", "new"]);
  assert.deepEqual(witnesses(out, "new"), ["baseline:unknown"], "a model only the shipped catalog has");
});

Deno.test("existence: provenance saved before existence was recorded is read from the fields' sources", () => {
  const base = run({ data: empty }, [listing(DEV, ["gpt"]), listing(API, ["gpt", "whisper"])]);
  const legacy: Provenance = {
    ...base.provenance,
    models: Object.fromEntries(
      Object.entries(base.provenance.offerings).map(([k, fields]) => {
        const { [EXISTENCE_FIELD]: _dropped, ...rest } = fields;
        return [k, rest];
      }),
    ),
  };
  const out = run({ data: base.data, provenance: legacy }, [listing(DEV, ["gpt"])]);
  assert.deepEqual(ids(out), ["gpt", "whisper"]);
  assert.deepEqual(witnesses(out, "whisper"), ["openai:complete"]);
});

Deno.test("existence: an unchanged model is the baseline object itself", () => {
  const base = run({ data: empty }, [listing(DEV, ["gpt", "o1"])]);
  const out = run(base, [listing(DEV, ["gpt", "o1"])]);
  assert.equal(out.data.offerings[0], base.data.offerings[0]);
  assert.equal(out.data.offerings[1], base.data.offerings[1]);
  assert.equal(diffCatalogs(base.data, out.data).summary.total, 0);
});
