import assert from "node:assert/strict";
import { foldLifecycle } from "./_lifecycle.ts";

Deno.test("folds a state and a withdrawal into lifecycle, naming the date as asked", () => {
  const row = {
    id: "m",
    status: "deprecated" as const,
    deprecation: { date: "2026-03-01", replacement: "n" },
  };
  assert.deepEqual(foldLifecycle(row, "retirementDate"), {
    id: "m",
    lifecycle: { status: "deprecated", retirementDate: "2026-03-01", replacement: "n" },
  });
  assert.deepEqual(foldLifecycle(row, "deprecationDate").lifecycle?.deprecationDate, "2026-03-01");
});

Deno.test("leaves lifecycle out when nothing is said", () => {
  assert.deepEqual(foldLifecycle({ id: "m", deprecation: {} }, "retirementDate"), { id: "m" });
});
