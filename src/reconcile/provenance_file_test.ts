import assert from "node:assert/strict";
import { readSnapshot, snapshotResult } from "../../tests/helpers/snapshot_source.ts";
import { isStarmapError } from "../errors.ts";
import { reconcile } from "./_reconcile.ts";
import { Provenance } from "./_provenance.ts";
import {
  decodeProvenance,
  encodeProvenance,
  ProvenanceFile,
  provenanceSchema,
  readProvenance,
  serializeProvenance,
} from "./_provenance_file.ts";

const AT = "2026-07-02T00:00:00.000Z";

function sample(): Provenance {
  const e = (source: string, kind: string, value: unknown, priority: number, at = AT) => ({
    source,
    kind,
    value: value as Provenance["models"][string][string][number]["value"],
    priority,
    at,
  });
  return {
    version: 1,
    updatedAt: AT,
    complete: { openai: ["models.dev", "openai"] },
    links: {
      "openai/gpt": { model: "openai/gpt", method: "spelling", confidence: 1, evidence: "id", at: AT },
    },
    models: { "openai/gpt": { name: [e("models.dev", "models_dev", "GPT", 5)] } },
    offerings: {
      "openai/gpt": {
        "pricing.input": [e("models.dev", "models_dev", 2, 1004), e("litellm", "litellm", 2, 1003)],
        "modalities.input": [e("models.dev", "models_dev", ["text", "image"], 1)],
        "name": [
          e("models.dev", "models_dev", "GPT", 5),
          e("openai", "provider_api", "gpt", 3, "2026-05-25T00:00:00Z"),
        ],
      },
    },
  };
}

Deno.test("the compact form stores each source run once and an agreed value once, and reads back whole", () => {
  const p = sample();
  const file = encodeProvenance(p);
  assert.ok(ProvenanceFile.safeParse(file).success);
  assert.deepEqual(file.sources, [
    ["models.dev", "models_dev", AT],
    ["litellm", "litellm", AT],
    ["openai", "provider_api", "2026-05-25T00:00:00Z"],
  ]);
  assert.deepEqual(file.offerings!["openai/gpt"]!["pricing.input"], [[0, 1004, 2], [1, 1003]]);
  assert.deepEqual(file.offerings!["openai/gpt"]!["name"], [[0, 5, "GPT"], [2, 3, "gpt"]]);
  assert.equal(file.links!["openai/gpt"]!.method, "spelling");
  assert.deepEqual(decodeProvenance(file), p);
  assert.deepEqual(readProvenance(JSON.parse(serializeProvenance(p))), p);
  // Written in pieces, the text is the compact form's, byte for byte.
  assert.equal(serializeProvenance(p), `${JSON.stringify(file)}\n`);
  assert.deepEqual(readProvenance(p), p, "a version 1 document is still read");
  assert.equal(readProvenance({ version: 4, models: {}, complete: {} }), undefined);
  const v2 = { ...file, version: 2, models: file.offerings!, offerings: undefined, links: undefined };
  assert.deepEqual(
    readProvenance(JSON.parse(JSON.stringify(v2)))!.offerings,
    p.offerings,
    "version 2 rows are offerings",
  );
});

Deno.test("validation of the compact form names the entry that points outside the source table", () => {
  const file = encodeProvenance(sample());
  file.offerings!["openai/gpt"]!["name"]![1] = [7, 3];
  file.offerings!["openai/gpt"]!["pricing.input"]![0] = [0, 1004];
  const parsed = provenanceSchema(file).safeParse(file);
  assert.equal(parsed.success, false);
  const paths = parsed.error!.issues.map((i) => i.path.join("."));
  assert.deepEqual(paths.sort(), ["offerings.openai/gpt.name.1.0", "offerings.openai/gpt.pricing.input.0"]);
  assert.throws(() => decodeProvenance(file), (e) => isStarmapError(e, "invalid"));
  assert.equal(provenanceSchema(sample()), Provenance);
});

Deno.test("a real catalog's provenance is several times smaller on disk and round-trips exactly", () => {
  const out = reconcile({
    baseline: { version: 2, updatedAt: AT, providers: [], authors: [], models: [], offerings: [] },
    results: [{
      source: { id: "models.dev", kind: "models_dev" },
      result: snapshotResult(readSnapshot("api.json")),
      at: AT,
    }],
    now: AT,
  });
  const verbose = JSON.stringify(out.provenance).length;
  const compact = serializeProvenance(out.provenance);
  assert.ok(compact.length * 3 < verbose, `${compact.length} bytes vs ${verbose}`);
  assert.deepEqual(readProvenance(JSON.parse(compact)), out.provenance);
});
