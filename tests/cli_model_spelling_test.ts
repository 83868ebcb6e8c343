import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

Deno.test("models show of an unknown spelling suggests each near name once", async () => {
  const r = await runCli(["models", "show", "anthropic/claude-sonnet-4-5x"]);
  assert.equal(r.code, 3, r.stderr);
  const hint = /did you mean: (.*)\?/.exec(r.stderr)?.[1];
  assert.ok(hint, r.stderr);
  const names = hint.split(", ");
  assert.ok(names.includes("anthropic/claude-sonnet-4-5"), hint);
  assert.deepEqual(names, [...new Set(names)], "no name suggested twice");
});

Deno.test("a model id pasted with spaces around it resolves as without them", async () => {
  const show = await runCli(["models", "show", "claude-sonnet-4-5  ", "-o", "json"]);
  assert.equal(show.code, 0, show.stderr);
  assert.equal(JSON.parse(show.stdout).model.id, "anthropic/claude-sonnet-4-5");
  const cost = await runCli(["cost", " gpt-4o ", "-p", "openai", "--input", "1M", "-o", "json"]);
  assert.equal(cost.code, 0, cost.stderr);
  assert.match(cost.stdout, /gpt-4o/);
});

Deno.test("models list --param naming a parameter no offering accepts says so, with the near names", async () => {
  const r = await runCli(["models", "list", "--param", "tool", "--param", "response_format"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /no offering accepts the request parameter "tool"; did you mean: tools\b/);
  assert.doesNotMatch(r.stderr, /"response_format"/, "a known parameter is not reported");
  const upper = await runCli(["models", "list", "--param", "TOOLS"]);
  assert.match(upper.stderr, /no offering accepts the request parameter "TOOLS"; did you mean: tools\b/);
  const known = await runCli([
    "models",
    "list",
    "--param",
    "tools",
    "--param",
    "response_format",
    "-o",
    "name",
  ]);
  assert.equal(known.code, 0, known.stderr);
  assert.ok(known.stdout.trim().split("\n").length > 10);
  assert.doesNotMatch(known.stderr, /no offering accepts/);
});

Deno.test("models list --region naming a region no offering is served in says so, with the near regions", async () => {
  const r = await runCli(["models", "list", "--region", "eu-west1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /no offering is served in the region "eu-west1"; did you mean: eu-west-1\b/);
  const known = await runCli(["models", "list", "--region", "EU", "-o", "name"]);
  assert.equal(known.code, 0, known.stderr);
  assert.ok(known.stdout.trim().length > 0);
  assert.doesNotMatch(known.stderr, /no offering/);
});

Deno.test("an empty model reference is invalid input (exit 2), not a model that was not found", async () => {
  for (
    const args of [["models", "show", "  "], ["cost", "", "--input", "1k"], [
      "models",
      "compare",
      "gpt-4o",
      "",
    ]]
  ) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /the model reference is empty/);
    assert.doesNotMatch(r.stderr, /did you mean/);
  }
});

Deno.test("another provider's offering key with -p finds that provider's offering of the same model", async () => {
  const show = await runCli([
    "models",
    "show",
    "openrouter/anthropic/claude-sonnet-4.5",
    "-p",
    "anthropic",
    "-o",
    "json",
  ]);
  assert.equal(show.code, 0, show.stderr);
  const shown = JSON.parse(show.stdout);
  assert.equal(shown.model.id, "anthropic/claude-sonnet-4-5");
  assert.equal(shown.offering.provider, "anthropic");
  const none = await runCli(["models", "show", "openrouter/anthropic/claude-sonnet-4.5", "-p", "deepseek"]);
  assert.equal(none.code, 3, none.stderr);
  assert.match(none.stderr, /deepseek does not offer anthropic\/claude-sonnet-4-5/);
  assert.match(none.stderr, /hint: .*offered by .*anthropic/);
  assert.doesNotMatch(none.stderr, /deepseek\/openrouter/);
});
