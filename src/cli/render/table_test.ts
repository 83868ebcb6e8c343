import assert from "node:assert/strict";
import type { Column } from "./_columns.ts";
import { renderTable, wrap } from "./_table.ts";

interface Row {
  id: string;
  name: string;
  price: number;
  note: string;
}

const columns: Column<Row>[] = [
  { name: "id", header: "ID", value: (r) => r.id, id: true },
  { name: "name", header: "NAME", value: (r) => r.name, priority: 4 },
  { name: "price", header: "PRICE", value: (r) => r.price, right: true, priority: 2 },
  { name: "note", header: "NOTE", value: (r) => r.note, priority: 5 },
];
const rows: Row[] = [
  { id: "a-very-long-model-identifier-that-matters", name: "A long display name", price: 3, note: "first" },
  { id: "short", name: "Short", price: 15, note: "second note" },
];

Deno.test("wrap breaks at spaces and after - , /, and hard-breaks a long word", () => {
  assert.deepEqual(wrap("claude-sonnet-4-5", 10), ["claude-", "sonnet-4-5"]);
  assert.deepEqual(wrap("one two three", 7), ["one two", "three"]);
  assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
  assert.deepEqual(wrap("", 4), [""]);
});

Deno.test("without a width the table is natural; numbers are right-aligned", () => {
  const out = renderTable(rows, columns).split("\n");
  assert.match(out[0]!, /^ID\s+NAME\s+PRICE\s+NOTE$/);
  assert.equal(out[1]!.indexOf(" 3 ") + 2, out[2]!.indexOf("15") + 2, "right-aligned");
});

Deno.test("a narrow width wraps text, then drops the columns of least priority, never the id", () => {
  const wrapped = renderTable(rows, columns, { width: 80 });
  assert.ok(wrapped.includes("a-very-long-model-identifier-that-matters"));
  assert.ok(wrapped.split("\n").every((l) => l.length <= 80));
  const narrow = renderTable(rows, columns, { width: 50 });
  assert.match(narrow.split("\n")[0]!, /^ID\s+PRICE$/, "NOTE and NAME gave way, PRICE stayed");
  const tiny = renderTable(rows, columns, { width: 10 });
  assert.match(
    tiny,
    /^a-very-long-model-identifier-that-matters$/m,
    "an id wider than the terminal is whole",
  );
  assert.equal(renderTable(rows, columns, { headers: false }).split("\n")[0]!.startsWith("a-very"), true);
});
