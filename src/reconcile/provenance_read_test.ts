import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { isStarmapError } from "../errors.ts";
import type { Provenance } from "./_provenance.ts";
import { encodeProvenance, readProvenance, serializeProvenance } from "./_provenance_file.ts";
import { parseProvenanceText, readProvenanceRecords } from "./_provenance_read.ts";

const AT = "2026-07-02T00:00:00.000Z";

function sample(): Provenance {
  const e = (source: string, value: unknown, priority: number, at = AT) => ({
    source,
    kind: "models_dev",
    value: value as Provenance["models"][string][string][number]["value"],
    priority,
    at,
  });
  return {
    version: 1,
    updatedAt: AT,
    complete: { openai: ["models.dev"] },
    links: {
      'openai/gpt "x"': { model: "openai/gpt", method: "spelling", confidence: 1, evidence: "id {}", at: AT },
    },
    models: { "openai/gpt": { name: [e("models.dev", 'GPT "4" {o} [\\]', 5)] } },
    offerings: {
      'openai/gpt "x"': {
        "pricing.input": [e("models.dev", 2, 1004), e("litellm", 2, 1003, "2026-05-25T00:00:00Z")],
        "pricing.tiers": [e("models.dev", [{ above: 200000, input: 6 }], 1004)],
        "open": [e("models.dev", true, 2), e("litellm", null, 1)],
      },
      "groq/llama": {},
    },
  };
}

Deno.test("provenance text is read record by record, whatever its spacing, into the same document", () => {
  const p = sample();
  const compact = serializeProvenance(p);
  assert.deepEqual(readProvenanceRecords(compact), p);
  const pretty = JSON.stringify(encodeProvenance(p), null, 2);
  assert.deepEqual(readProvenanceRecords(pretty), p);
  assert.deepEqual(parseProvenanceText(pretty), readProvenance(JSON.parse(pretty)));
});

Deno.test("provenance text the record reader does not expect is read whole, with the same outcome", () => {
  const file = encodeProvenance(sample());
  // The source table after the records: read whole.
  const { sources, ...rest } = file;
  const late = JSON.stringify({ ...rest, sources });
  assert.equal(readProvenanceRecords(late), undefined);
  assert.deepEqual(parseProvenanceText(late), sample());
  // Version 1 (one object per entry) and version 2 (rows under models).
  assert.equal(readProvenanceRecords(JSON.stringify(sample())), undefined);
  assert.deepEqual(parseProvenanceText(JSON.stringify(sample())), sample());
  const v2 = JSON.stringify({ ...file, version: 2, models: file.offerings, offerings: undefined });
  assert.deepEqual(parseProvenanceText(v2)!.offerings, sample().offerings);
  assert.equal(parseProvenanceText('{"version":4,"models":{},"complete":{}}'), undefined);
  // Not JSON: the whole text's syntax error.
  const cut = serializeProvenance(sample()).slice(0, 200);
  assert.throws(() => parseProvenanceText(cut), SyntaxError);
  assert.throws(() => parseProvenanceText(`${serializeProvenance(sample()).trim()} x`), SyntaxError);
});

Deno.test("a malformed entry is an invalid-input error, as when the document is read whole", () => {
  const file = encodeProvenance(sample());
  file.offerings!["groq/llama"] = { name: [[9, 1, "x"]] };
  assert.throws(() => parseProvenanceText(JSON.stringify(file)), (e) => isStarmapError(e, "invalid"));
});

Deno.test("the shipped provenance reads record by record into what the whole read gives", async () => {
  const text = await readFile(new URL("../../catalog/provenance.json", import.meta.url), "utf8");
  const records = readProvenanceRecords(text);
  assert.ok(records, "the shipped provenance is laid out as starmap writes it");
  assert.deepEqual(records, readProvenance(JSON.parse(text)));
});
