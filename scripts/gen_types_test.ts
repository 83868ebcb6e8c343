import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { CHECK_FILE, generateTypes } from "./gen_types.ts";
import { AREAS } from "./types_gen/areas.ts";

const root = new URL("../", import.meta.url);

Deno.test("types:gen reproduces the committed generated files", async () => {
  const files = await generateTypes();
  assert.deepEqual([...files.keys()].sort(), [...AREAS.map((a) => a.out), CHECK_FILE].sort());
  for (const [path, text] of files) {
    const committed = await readFile(new URL(path, root), "utf8");
    assert.equal(committed, text, `${path} is out of date: run deno task types:gen`);
  }
});

Deno.test("every generated type is documented and every schema type is checked against it", async () => {
  const files = await generateTypes();
  const check = files.get(CHECK_FILE)!;
  for (const area of AREAS) {
    const text = files.get(area.out)!;
    const declared = [...text.matchAll(/^export type (\w+)/gm)].map((m) => m[1]!);
    for (const name of declared) {
      assert.match(text, new RegExp(`\\*/\\nexport type ${name}\\b`), `${name} has JSDoc`);
    }
    for (const m of area.modules) {
      for (const t of m.types) {
        const name = typeof t === "string" ? t : t.name;
        assert.ok(declared.includes(name), `${area.out} declares ${name}`);
        assert.match(check, new RegExp(`\\.${name}, z\\.(output|input)<typeof `), `${name} is checked`);
      }
    }
  }
});
