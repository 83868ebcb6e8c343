import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { checkStructure, cyclesOf, importsOf, runtimeCallsOf } from "./structure.ts";

const root = fileURLToPath(new URL("../", import.meta.url));

Deno.test("reads static, dynamic, re-export and type-only imports", () => {
  const text = [
    `import type { A } from "./a.ts";`,
    `import { type B, c } from "./b.ts";`,
    `import { type D } from "./d.ts";`,
    `export type * from "./e.ts";`,
    `export { f } from "./f.ts";`,
    `const g = await import("./g.ts");`,
    `let h: import("./h.ts").H;`,
    `import { z } from "zod";`,
  ].join("\n");
  assert.deepEqual(importsOf("x.ts", text), [
    { specifier: "./a.ts", typeOnly: true },
    { specifier: "./b.ts", typeOnly: false },
    { specifier: "./d.ts", typeOnly: true },
    { specifier: "./e.ts", typeOnly: true },
    { specifier: "./f.ts", typeOnly: false },
    { specifier: "./g.ts", typeOnly: false },
    { specifier: "./h.ts", typeOnly: true },
  ]);
});

Deno.test("finds a cycle between folders and none in a layered graph", () => {
  const graph = (edges: [string, string][]) => {
    const g = new Map<string, Set<string>>();
    for (const [a, b] of edges) {
      g.set(a, (g.get(a) ?? new Set()).add(b));
      g.set(b, g.get(b) ?? new Set());
    }
    return g;
  };
  assert.deepEqual(cyclesOf(graph([["cli", "sync"], ["sync", "catalog"], ["cli", "catalog"]])), []);
  assert.deepEqual(cyclesOf(graph([["cli", "sync"], ["sync", "catalog"], ["catalog", "sync"]])), [[
    "catalog",
    "sync",
  ]]);
});

Deno.test("the folders of src/ import one another one way only, and through their doors", async () => {
  const report = await checkStructure(root);
  assert.deepEqual(report.cycles, [], "folders in a cycle");
  assert.deepEqual(report.pastDoors.map((e) => `${e.from} -> ${e.to}`), [], "imports past a door");
  assert.deepEqual(report.runtimeCalls, [], "runtime APIs outside src/runtime/");
});

Deno.test("finds runtime-specific globals, not names that merely contain them", () => {
  const text =
    `const a = Deno.env.get("X");\nconst b = myDeno.env;\nprocess.exit(1);\n// Bun.file in a comment\n`;
  assert.deepEqual(runtimeCallsOf("x.ts", text), ["x.ts:1 Deno.env", "x.ts:3 process.exit"]);
});
