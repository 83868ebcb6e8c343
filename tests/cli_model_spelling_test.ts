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
