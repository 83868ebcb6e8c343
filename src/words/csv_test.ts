import assert from "node:assert/strict";
import { csvEscape } from "./_csv.ts";

Deno.test("quotes a CSV field only when it must, doubling its quotes", () => {
  assert.equal(csvEscape("plain"), "plain");
  assert.equal(csvEscape("a,b"), '"a,b"');
  assert.equal(csvEscape('say "hi"'), '"say ""hi"""');
  assert.equal(csvEscape("two\nlines"), '"two\nlines"');
  assert.equal(csvEscape("cr\r"), '"cr\r"');
});
