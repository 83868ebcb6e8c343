import assert from "node:assert/strict";
import { parse } from "yaml";
import { toYaml } from "./_yaml.ts";

/** Strings that YAML 1.1 readers (PyYAML) turn into dates, booleans, nulls or numbers when left plain. */
const tricky = {
  date: "2025-01-01",
  impossibleDate: "2025-02-31",
  words: ["no", "No", "on", "off", "yes", "y", "n", "Y", "N", "true", "null", "Null", "~", ""],
  numbers: ["0o17", "0x1F", "1_000", "1:20", "190:20:30", ".5", "+1", "1e3", "-.inf", ".NaN", "0777"],
  tags: ["=", "<<"],
  plain: ["gpt-4o", "openai/gpt-4o", "claude sonnet"],
  values: { n: 3, t: true, none: null },
};

Deno.test("toYaml: YAML 1.2 readers get the same data back", () => {
  assert.deepEqual(parse(toYaml(tricky)), tricky);
});

Deno.test("toYaml: PyYAML (a YAML 1.1 reader) gets the same data back", async () => {
  const probe = await new Deno.Command("python3", { args: ["-c", "import yaml"], stderr: "null" }).output()
    .catch(() => undefined);
  if (!probe?.success) {
    // deno-lint-ignore no-console
    console.warn("note: PyYAML check skipped: python3 with the yaml module is not installed");
    return;
  }
  const script = "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(sys.stdin.read())))";
  const child = new Deno.Command("python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(toYaml(tricky)));
  await writer.close();
  const out = await child.output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), tricky);
  assert.doesNotMatch(toYaml({ id: "gpt-4o" }), /"/, "ordinary strings stay plain");
});
