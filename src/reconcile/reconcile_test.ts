import assert from "node:assert/strict";
import { CatalogData } from "../catalog/mod.ts";
import type { ModelRecord, OfferingRecord } from "../catalog/types.gen.ts";
import type { SourceResult } from "../sources/mod.ts";
import { diffCatalogs } from "./_changeset.ts";
import { reconcile, type SourceSnapshot } from "./_reconcile.ts";

const T0 = "2026-07-01T00:00:00.000Z";
const T1 = "2026-07-02T00:00:00.000Z";
const T2 = "2026-07-03T00:00:00.000Z";
const empty: CatalogData = {
  version: 2,
  updatedAt: T0,
  providers: [],
  authors: [],
  models: [],
  offerings: [],
};

const offerings: OfferingRecord[] = [
  { provider: "anthropic", id: "claude-sonnet-4-5", name: "Claude Sonnet 4.5", authors: ["anthropic"] },
  {
    provider: "amazon-bedrock",
    id: "us.anthropic.claude-sonnet-4-5-v1:0",
    name: "Claude Sonnet 4.5 (US)",
    authors: ["anthropic"],
    pricing: { input: 3, output: 15 },
  },
  { provider: "anthropic", id: "claude-opus-4-1", name: "Claude Opus 4.1", authors: ["anthropic"] },
];
const models: ModelRecord[] = [
  { id: "anthropic/claude-sonnet-4-5", name: "Claude Sonnet 4.5", capabilities: { toolCalls: true } },
  { id: "anthropic/claude-opus-4-1", name: "Claude Opus 4.1" },
];

function result(o: OfferingRecord[], m?: ModelRecord[], complete: string[] = []): SourceResult {
  return { providers: [], authors: [], offerings: o, models: m, complete, notes: [] };
}

const dev = (o: OfferingRecord[], m: ModelRecord[]): SourceSnapshot => ({
  source: { id: "models.dev", kind: "models_dev" },
  result: result(o, m, ["anthropic", "amazon-bedrock"]),
  at: T1,
});

Deno.test("both levels: offerings link to author-level models, with the provenance of fields and links", () => {
  const out = reconcile({ baseline: empty, results: [dev(offerings, models)], now: T1 });
  assert.ok(CatalogData.safeParse(out.data).success);
  const bedrock = out.data.offerings.find((o) => o.provider === "amazon-bedrock")!;
  assert.equal(bedrock.model, "anthropic/claude-sonnet-4-5");
  assert.equal(bedrock.link.method, "spelling");
  const link = out.provenance.links["amazon-bedrock/us.anthropic.claude-sonnet-4-5-v1:0"]!;
  assert.equal(link.model, "anthropic/claude-sonnet-4-5");
  assert.ok(link.evidence.length > 0);
  const sonnet = out.data.models.find((m) => m.id === "anthropic/claude-sonnet-4-5")!;
  assert.equal(sonnet.capabilities.toolCalls, true, "from the author-level record");
  assert.equal(sonnet.capabilities.reasoning, undefined, "unknown stays unknown");
  assert.equal(out.provenance.models["anthropic/claude-sonnet-4-5"]!["name"]![0]!.source, "models.dev");
  assert.equal(out.provenance.models["anthropic/claude-sonnet-4-5"]!["authors"]![0]!.source, "agreement");
});

Deno.test("changesets report models and offerings added, updated and removed, and a link that moved", () => {
  const first = reconcile({ baseline: empty, results: [dev(offerings, models)], now: T1 });
  const pin: SourceSnapshot = {
    source: { id: "local", kind: "local" },
    result: result([{
      provider: "amazon-bedrock",
      id: "us.anthropic.claude-sonnet-4-5-v1:0",
      model: "anthropic/claude-opus-4-1",
    }]),
    at: T2,
  };
  const renamed = [{ ...models[0]!, name: "Claude Sonnet 4.5 (new)" }, models[1]!];
  const second = reconcile({
    baseline: first.data,
    provenance: first.provenance,
    results: [dev(offerings, renamed), pin],
    now: T2,
  });
  const changes = diffCatalogs(first.data, second.data);
  assert.deepEqual(changes.links, [{
    offering: "amazon-bedrock/us.anthropic.claude-sonnet-4-5-v1:0",
    from: "anthropic/claude-sonnet-4-5",
    to: "anthropic/claude-opus-4-1",
  }]);
  const moved = second.data.offerings.find((o) => o.provider === "amazon-bedrock")!;
  assert.deepEqual(moved.link, { method: "override", confidence: 1, source: "local" });
  const update = changes.models.updated.find((u) => u.key === "anthropic/claude-sonnet-4-5")!;
  assert.deepEqual(update.changes.find((c) => c.path === "name"), {
    path: "name",
    old: "Claude Sonnet 4.5",
    new: "Claude Sonnet 4.5 (new)",
  });
  assert.equal(changes.summary.links, 1);

  const third = reconcile({
    baseline: second.data,
    provenance: second.provenance,
    results: [
      dev(offerings.filter((o) => o.id !== "claude-opus-4-1"), [renamed[0]!]),
      { source: { id: "local", kind: "local" }, result: result([]), at: T2 },
    ],
    now: T2,
  });
  const gone = diffCatalogs(second.data, third.data);
  assert.deepEqual(gone.offerings.removed.map((o) => `${o.provider}/${o.id}`), ["anthropic/claude-opus-4-1"]);
  assert.deepEqual(gone.models.removed.map((m) => m.id), ["anthropic/claude-opus-4-1"]);
  assert.equal(gone.links[0]?.to, "anthropic/claude-sonnet-4-5", "the pin removed, the link moves back");
});

Deno.test("an unchanged run changes nothing at either level", () => {
  const first = reconcile({ baseline: empty, results: [dev(offerings, models)], now: T1 });
  const again = reconcile({
    baseline: first.data,
    provenance: first.provenance,
    results: [dev(offerings, models)],
    now: T2,
  });
  assert.equal(diffCatalogs(first.data, again.data).summary.total, 0);
  assert.equal(again.data.offerings[0], first.data.offerings[0], "the baseline object itself");
});
