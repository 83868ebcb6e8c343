import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

type Row = { id: string; release_date?: string };

Deno.test("models list filters by release date; a month bound takes the whole month", async () => {
  const r = await runCli([
    "models",
    "list",
    "--author",
    "anthropic",
    "--released-after",
    "2025-05",
    "--released-before",
    "2025-05",
    "-o",
    "json",
    "--fields",
    "id,release_date",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Row[];
  assert.ok(rows.some((m) => m.release_date === "2025-05-22"), "a model released on 22 May is in May");
  assert.ok(rows.every((m) => m.release_date?.startsWith("2025-05")), JSON.stringify(rows));
  const day = await runCli([
    "models",
    "list",
    "--author",
    "anthropic",
    "--released-before",
    "2025-05-21",
    "--released-after",
    "2025-05-01",
    "-o",
    "json",
  ]);
  assert.equal(day.code, 0, day.stderr);
  assert.ok(!(JSON.parse(day.stdout) as Row[]).some((m) => m.id === "anthropic/claude-4-sonnet"));
  const bad = await runCli(["models", "list", "--released-after", "2025-13"]);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--released-after.*expected a date YYYY-MM-DD or a month YYYY-MM/);
  const retiring = await runCli(["models", "list", "--retiring-before", "2026-01", "-o", "json"]);
  assert.equal(retiring.code, 0, retiring.stderr);
});

Deno.test("the library's filter reads a month bound as the whole month", async () => {
  const { embeddedCatalog } = await import("../src/catalog/_embedded.ts");
  const catalog = embeddedCatalog();
  const may = catalog.query({
    author: ["anthropic"],
    releasedBefore: "2025-05",
    releasedAfter: "2025-05",
    limit: 500,
  });
  const ids = may.items.map((m) => m.model.id);
  assert.ok(ids.includes("anthropic/claude-4-sonnet"), ids.join(", "));
  const retiring = catalog.queryOfferings({ retiringBefore: "2099-12", limit: 1 });
  const byDay = catalog.queryOfferings({ retiringBefore: "2099-12-31", limit: 1 });
  assert.equal(retiring.total, byDay.total, "a month is its last day for a bound from above");
});
