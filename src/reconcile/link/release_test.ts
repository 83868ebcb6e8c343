import assert from "node:assert/strict";
import { namesRelease } from "./_release.ts";

Deno.test("namesRelease: a pin names a release date at its own resolution", () => {
  assert.ok(namesRelease("2024-07-18", "2024-07-18"));
  assert.ok(namesRelease("20240718", "2024-07-18"));
  assert.ok(!namesRelease("20240806", "2024-05-13"));
  assert.ok(namesRelease("2409", "2024-09-01"), "year and month");
  assert.ok(namesRelease("0528", "2025-05-28"), "month and day");
  assert.ok(!namesRelease("0528", "2025-01-20"));
  assert.ok(namesRelease("08-2024", "2024-08-30"), "month and year");
  assert.ok(!namesRelease("001", "2024-12-11"), "a version number is no date");
  assert.ok(!namesRelease("2024-07-18", undefined));
  assert.ok(!namesRelease("2024-07-18", "2024-07"), "a day is not named by a month");
});
