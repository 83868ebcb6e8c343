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
