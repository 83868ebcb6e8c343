import assert from "node:assert/strict";
import { screenResult } from "./_screen.ts";
import { isCalendarDate } from "../words/mod.ts";
import { CatalogDate } from "../catalog/mod.ts";
import { translateModel } from "./models_dev/_translate.ts";
import type { SourceResult } from "./_source.ts";

function result(models: SourceResult["offerings"]): SourceResult {
  return { providers: [], authors: [], offerings: models, complete: [], notes: [] };
}

Deno.test("calendar dates: real days and months only", () => {
  for (const ok of ["2024-02-29", "2025-12-31", "2025-01", "1999-12"]) assert.ok(isCalendarDate(ok), ok);
  for (
    const bad of [
      "2025-02-31",
      "2025-25-11",
      "2023-02-29",
      "2025-00",
      "2025-13",
      "2025-04-31",
      "25-01-01",
      "",
    ]
  ) {
    assert.ok(!isCalendarDate(bad), bad);
  }
  assert.equal(CatalogDate.safeParse("2025-02-31").success, false);
});

Deno.test("the screen refuses impossible dates field by field, naming source, model and field", () => {
  const out = screenResult(
    "models.dev",
    result([
      { provider: "azure", id: "claude-haiku-4-5", knowledgeCutoff: "2025-02-31", releaseDate: "2025-10-01" },
      {
        provider: "scaleway",
        id: "qwen3-embedding-8b",
        releaseDate: "2025-25-11",
        lifecycle: { deprecationDate: "2026-02-30" },
      },
      { provider: "x", id: "fine", releaseDate: "2025-01" },
    ]),
  );
  assert.deepEqual(out.offerings[0], {
    provider: "azure",
    id: "claude-haiku-4-5",
    releaseDate: "2025-10-01",
  });
  assert.deepEqual(out.offerings[1], { provider: "scaleway", id: "qwen3-embedding-8b" });
  assert.equal(out.offerings[2]!.releaseDate, "2025-01");
  assert.equal(out.notes.length, 3);
  assert.match(
    out.notes[0]!,
    /source "models\.dev": model "azure\/claude-haiku-4-5": knowledgeCutoff "2025-02-31"/,
  );
  assert.match(out.notes[2]!, /lifecycle\.deprecationDate "2026-02-30"/);
});

Deno.test("the screen returns a clean result unchanged", () => {
  const clean = result([{ provider: "a", id: "b", releaseDate: "2024-02-29" }]);
  assert.equal(screenResult("s", clean), clean);
});

Deno.test("models.dev: a null effort is not the word null, and -1 budgets are dynamic", () => {
  const m = translateModel("sarvam", {
    id: "m",
    reasoning_options: [
      { type: "effort", values: [null, "low", "high"] },
      { type: "budget_tokens", min: -1, max: 32768 },
    ],
  });
  assert.deepEqual(m.capabilities.reasoningOptions, [
    { type: "effort", values: ["low", "high"] },
    { type: "budget_tokens", max: 32768, dynamic: true },
  ]);
});
