import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Model, Offering, Pricing } from "../../catalog/mod.ts";
import { embeddedCatalog } from "../../catalog/mod.ts";
import { modelFields, offeringFields } from "./_model_detail.ts";

const source = await Deno.readTextFile(fileURLToPath(new URL("./_model_detail.ts", import.meta.url)));
const keys = (schema: unknown) => Object.keys((schema as { shape: Record<string, unknown> }).shape);

// `models show` is to show every field of the record: a field added to a schema fails here until the detail
// view reads it (or it is named below with the reason it is not a line of its own).
const NOT_A_LINE: Record<string, string> = {
  id: "the first line names the record",
  provider: "a line of its own, read as o.provider",
  model: "the model's line and the model's own section",
  link: "the Link line",
  lifecycle: "the Lifecycle line, through lifecycleText",
};

Deno.test("the detail view of models show reads every field of a model, an offering and their prices", () => {
  const fields = [
    ...keys(Model),
    ...keys(Offering),
    ...keys(Pricing),
    ...keys(Model.shape.capabilities),
  ];
  const unread = [...new Set(fields)].filter((k) => !NOT_A_LINE[k] && !new RegExp(`\\.${k}\\b`).test(source));
  assert.deepEqual(unread, [], "fields the detail view never reads");
});

Deno.test("an offering's detail keeps no from unknown and shows what a source said", () => {
  const catalog = embeddedCatalog();
  const offering = catalog.offering("openrouter/anthropic/claude-sonnet-4.5")!;
  const lines = new Map(offeringFields(offering).filter(([, v]) => v !== undefined));
  assert.equal(lines.get("Prompt caching"), "yes");
  assert.equal(lines.get("Computer use"), "yes");
  assert.equal(lines.get("Streaming"), "unknown");
  const model = catalog.model("anthropic/claude-sonnet-4-5")!;
  assert.equal(new Map(modelFields(model, 1)).get("Open weights"), "no");
});
