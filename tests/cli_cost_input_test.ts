import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

Deno.test("cost: a bad count of images or requests exits 2 naming the flag and asking for a whole count", async () => {
  for (const [flag, value] of [["--images-in", "-3"], ["--images-in", "2.5"], ["--requests", "many"]]) {
    const r = await runCli(["cost", "openai/gpt-4o", "--input", "1k", flag!, value!]);
    assert.equal(r.code, 2, `${flag} ${value}: ${r.stderr}`);
    assert.ok(r.stderr.includes(flag!), r.stderr);
    assert.match(r.stderr, /expected a whole number like 3, 10k or 1\.5M/);
    assert.doesNotMatch(r.stderr, /token count/);
  }
  const thousands = await runCli(["cost", "openai/gpt-4o", "--requests", "1.5k", "-o", "json"]);
  assert.equal(thousands.code, 0, thousands.stderr);
});

Deno.test("cost -p with a provider the catalog does not have says the provider is unknown", async () => {
  const r = await runCli(["cost", "anthropic/claude-sonnet-4-5", "--input", "1M", "-p", "anthropc"]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /provider "anthropc" not found/);
  assert.match(r.stderr, /did you mean: anthropic\b/);
});

Deno.test("cost without any quantity notes that nothing was priced, rather than only printing zeros", async () => {
  const bare = await runCli(["cost", "openai/gpt-4o"]);
  assert.equal(bare.code, 0, bare.stderr);
  assert.match(
    bare.stderr,
    /note: no usage given \(--input, --output-tokens, --requests, …\): the cost is 0/,
  );
  const some = await runCli(["cost", "openai/gpt-4o", "--images-in", "1"]);
  assert.doesNotMatch(some.stderr, /no usage given/);
  const quiet = await runCli(["cost", "openai/gpt-4o", "-q"]);
  assert.doesNotMatch(quiet.stderr, /no usage given/);
});
