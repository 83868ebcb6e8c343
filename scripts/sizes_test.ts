import assert from "node:assert/strict";
import { countLines, MAX_FUNCTION_LINES, measure } from "./sizes.ts";

Deno.test("counts lines as an editor numbers them", () => {
  assert.equal(countLines(""), 0);
  assert.equal(countLines("a\nb\n"), 2);
  assert.equal(countLines("a\nb"), 2);
});

Deno.test("measures declarations, methods, arrows and object-literal functions with their names", () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
  const text = [
    `export function long(): void {\n${body(MAX_FUNCTION_LINES)}\n}`,
    `class A {\n  method(): void {\n${body(3)}\n  }\n}`,
    `const arrow = () => {\n${body(2)}\n};`,
    `const o = { handler() {\n${body(1)}\n}, other: function () {} };`,
    `[1].map((x) => {\n  return x;\n});`,
  ].join("\n");
  const sizes = measure("x.ts", text);
  const byName = new Map(sizes.functions.map((f) => [f.name, f]));
  assert.equal(byName.get("long")!.lines, MAX_FUNCTION_LINES + 2);
  assert.equal(byName.get("long")!.line, 1);
  assert.equal(byName.get("method")!.lines, 5);
  assert.equal(byName.get("arrow")!.lines, 4);
  assert.equal(byName.get("handler")!.lines, 3);
  assert.equal(byName.get("other")!.lines, 1);
  assert.equal(byName.get("<callback of [1].map>")!.lines, 3);
  assert.equal(sizes.lines, text.split("\n").length);
});

Deno.test("the sizes task fails on a tree over the limits and passes on this project", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/big.ts`, "export const a = 1;\n".repeat(401));
    const run = (args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          "--allow-env",
          new URL("./sizes.ts", import.meta.url).pathname,
          ...args,
        ],
        stdout: "null",
        stderr: "piped",
      }).output();
    const bad = await run([dir]);
    assert.equal(bad.code, 1);
    assert.match(new TextDecoder().decode(bad.stderr), /file over 400 lines: .*big\.ts \(401\)/);
    const here = await run([new URL("../src", import.meta.url).pathname]);
    assert.equal(here.code, 0, new TextDecoder().decode(here.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
