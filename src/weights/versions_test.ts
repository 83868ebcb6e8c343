import assert from "node:assert/strict";
import { compareVersions } from "./_versions.ts";

Deno.test("versions sort as versions: 10 after 9, 1.10 after 1.9, text after numbers", () => {
  const sorted = ["10", "9", "1.10", "1.9", "1.2-rc1", "1.2", "latest", "2"].sort(compareVersions);
  assert.deepEqual(sorted, ["1.2", "1.2-rc1", "1.9", "1.10", "2", "9", "10", "latest"]);
});
