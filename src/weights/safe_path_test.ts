import assert from "node:assert/strict";
import { isStarmapError } from "../errors.ts";
import { checkName, pathProblem, safeJoin } from "./_safe_path.ts";

Deno.test("safe relative paths pass and resolve inside the root", () => {
  for (const p of ["a", "a/b/c.bin", "model-00001-of-00002.safetensors", "dir.v2/x_y+z"]) {
    assert.equal(pathProblem(p), undefined, p);
    assert.ok(safeJoin("/models/x", p).startsWith("/models/x/"));
  }
});

Deno.test("unsafe paths are named for what is wrong with them", () => {
  const cases: [string, RegExp][] = [
    ["/abs", /absolute/],
    ["\\abs", /absolute/],
    ["C:/x", /drive/],
    ["a/../b", /".."/],
    ["a/./b", /"."/],
    ["a//b", /empty/],
    ["a\u0000", /NUL/],
    ["a\\b", /backslash/],
    ["ab:y", /colon/],
    ["aux", /reserved/],
    ["a/b ", /trailing/],
  ];
  for (const [p, why] of cases) {
    assert.match(pathProblem(p) ?? "", why, p);
    assert.throws(() => safeJoin("/models/x", p), (e) => isStarmapError(e, "verification"));
  }
});

Deno.test("names are single safe segments without a leading dot", () => {
  assert.equal(checkName("llama-3.1_8B", "model"), "llama-3.1_8B");
  for (const bad of [".cache", "a/b", "..", "", "c:", "a\\b"]) {
    assert.throws(() => checkName(bad, "model"), (e) => isStarmapError(e, "verification"), bad);
    assert.throws(() => checkName(bad, "model", "invalid"), (e) => isStarmapError(e, "invalid"), bad);
  }
});
