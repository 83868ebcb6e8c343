import assert from "node:assert/strict";
import type { CatalogData } from "../catalog/types.gen.ts";
import { repairProvenance } from "./_provenance_repair.ts";
import type { Provenance } from "./_provenance.ts";

const offering = (id: string, input: number) => ({
  id,
  provider: "acme",
  model: `acme/${id}`,
  link: { method: "new", confidence: 1 },
  name: id,
  authors: [],
  modalities: { input: ["text" as const], output: ["text" as const] },
  capabilities: { attachments: false, reasoning: false, toolCalls: false },
  limits: {},
  pricing: { input },
});

Deno.test("a torn provenance keeps what describes the catalog and marks the rest as of unknown origin", () => {
  const at = "2026-06-01T00:00:00.000Z";
  const dev = { source: "models.dev", kind: "models_dev", priority: 1004, at };
  const torn: Provenance = {
    version: 1,
    updatedAt: at,
    complete: { acme: ["models.dev"] },
    models: {},
    links: {},
    offerings: {
      "acme/a": {
        existence: [{ ...dev, value: "complete" }],
        name: [{ ...dev, value: "a" }],
        "pricing.input": [{ ...dev, value: 1 }],
      },
    },
  };
  const data = {
    version: 2,
    updatedAt: "2026-07-01T00:00:00.000Z",
    providers: [{ id: "acme", name: "Acme", env: [] }],
    authors: [],
    models: [],
    offerings: [offering("a", 2), offering("b", 3)],
  } as unknown as CatalogData;
  const repaired = repairProvenance(data, torn);
  assert.equal(repaired.updatedAt, data.updatedAt);
  assert.deepEqual(repaired.complete, torn.complete);
  const a = repaired.offerings["acme/a"]!;
  assert.deepEqual(a["existence"], torn.offerings["acme/a"]!["existence"], "recorded witnesses stand");
  assert.deepEqual(
    a["name"],
    torn.offerings["acme/a"]!["name"],
    "a value the catalog still has keeps its source",
  );
  assert.equal(a["pricing.input"], undefined, "a value the catalog no longer has loses its attribution");
  assert.deepEqual(repaired.offerings["acme/b"], {
    existence: [{ source: "baseline", kind: "embedded", value: "listed", priority: 0, at: data.updatedAt }],
  });
});
