import assert from "node:assert/strict";
import { parse } from "yaml";
import { ROOT } from "./helpers/cli.ts";

const dir = `${ROOT}.github/workflows`;
const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => /\.ya?ml$/.test(n)).sort();

Deno.test("the workflows are valid YAML with jobs", () => {
  assert.ok(files.includes("ci.yml") && files.includes("release.yml"));
  for (const f of files) {
    const doc = parse(Deno.readTextFileSync(`${dir}/${f}`)) as {
      on?: unknown;
      jobs?: Record<string, unknown>;
    };
    assert.ok(doc.on, `${f} has triggers`);
    assert.ok(doc.jobs && Object.keys(doc.jobs).length > 0, `${f} has jobs`);
  }
});
