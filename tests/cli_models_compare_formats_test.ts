import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

const REFS = ["claude-sonnet-4-5", "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"];
const KEYS = ["anthropic/claude-sonnet-4-5", "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"];

Deno.test("models compare -o name prints the compared models, -o jsonl their records", async () => {
  const name = await runCli(["models", "compare", ...REFS, "-o", "name"]);
  assert.equal(name.code, 0, name.stderr);
  assert.deepEqual(name.stdout.trim().split("\n"), KEYS);
  const jsonl = await runCli(["models", "compare", ...REFS, "-o", "jsonl"]);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const records = jsonl.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(records.length, 2);
  assert.equal(records[0].model.id, "anthropic/claude-sonnet-4-5");
  assert.ok(records[0].offerings.length > 10);
  assert.equal(`${records[1].offering.provider}/${records[1].offering.id}`, KEYS[1]);
});

Deno.test("models compare -o csv names its columns by the exact ids compared", async () => {
  const csv = await runCli(["models", "compare", ...REFS, "-o", "csv"]);
  assert.equal(csv.code, 0, csv.stderr);
  const [header, first] = csv.stdout.split("\n");
  assert.equal(header, `field,${KEYS.join(",")}`);
  assert.equal(first, `model,anthropic/claude-sonnet-4-5,anthropic/claude-sonnet-4-5-20250929`);
  const table = await runCli(["models", "compare", ...REFS]);
  assert.match(table.stdout.split("\n")[0]!, /CLAUDE-SONNET-4-5\s+AMAZON-BEDROCK\/US\.ANTHROPIC/);
});
