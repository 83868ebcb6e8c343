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

Deno.test("the workflows pass the GitHub workflow schema (action-validator, from npm)", async () => {
  for (const f of files) {
    const out = await new Deno.Command("npx", {
      args: ["-y", "@action-validator/cli@0.6.0", `${dir}/${f}`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) +
      new TextDecoder().decode(out.stderr).replace(/^npm warn.*$/gm, "");
    assert.equal(out.code, 0, `${f}: ${text}`);
    assert.doesNotMatch(text, /"errors"/, f);
  }
});

Deno.test("the validator really rejects a broken workflow", async () => {
  const bad = await Deno.makeTempFile({ suffix: ".yml" });
  await Deno.writeTextFile(
    bad,
    "name: x\non: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo\n",
  );
  const out = await new Deno.Command("npx", {
    args: ["-y", "@action-validator/cli@0.6.0", bad],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  assert.notEqual(out.code, 0);
  await Deno.remove(bad);
});
