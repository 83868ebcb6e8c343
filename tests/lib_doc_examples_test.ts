/**
 * The examples in the JSDoc of the library's entry points (what JSR shows first) type-check against the code.
 */
import assert from "node:assert/strict";
import { ROOT } from "./helpers/cli.ts";

Deno.test("the @example of every library entry point type-checks", async () => {
  const entries = [...Deno.readDirSync(`${ROOT}lib`)].filter((e) => e.name.endsWith(".ts")).map((e) =>
    `lib/${e.name}`
  );
  assert.ok(entries.length >= 5, String(entries));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", "--doc-only", ...entries.sort()],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
});
