/**
 * Under `--json` / `-o json` every error is one JSON document on stdout naming its exit code, including those the
 * argument parser raises before any command runs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

Deno.test("errors of the argument parser and of commands are JSON on stdout under --json and -o json", async () => {
  const cases: { args: string[]; code: number; name: string; message: RegExp; suggestions?: string[] }[] = [
    {
      args: ["weights", "pull", "--bogus", "--json"],
      code: 2,
      name: "invalid",
      message: /^unknown option '--bogus'$/,
    },
    {
      args: ["weights", "pul", "acme/tiny", "--json"],
      code: 2,
      name: "invalid",
      message: /^unknown command 'pul'$/,
      suggestions: ["pull"],
    },
    {
      args: ["weights", "pull", "--json"],
      code: 2,
      name: "invalid",
      message: /missing required argument 'model'/,
    },
    { args: ["bogus", "-o", "json"], code: 2, name: "invalid", message: /unknown command 'bogus'/ },
    { args: ["--output=json", "models", "list", "--bogus"], code: 2, name: "invalid", message: /'--bogus'/ },
    {
      args: ["weights", "list", "--concurrency", "abc", "--json"],
      code: 2,
      name: "invalid",
      message: /'abc' is invalid/,
    },
    { args: ["models", "show", "nope/nope", "-o", "json"], code: 3, name: "notFound", message: /nope\/nope/ },
  ];
  for (const c of cases) {
    const r = await runCli(c.args, { env: { STARMAP_MODELS_DIR: "/nonexistent/starmap-models" } });
    const what = c.args.join(" ");
    assert.equal(r.code, c.code, `${what}: ${r.stderr}`);
    const body = JSON.parse(r.stdout).error;
    assert.equal(body.code, c.name, what);
    assert.equal(body.exitCode, c.code, what);
    assert.match(body.message, c.message, what);
    if (c.suggestions) assert.deepEqual(body.suggestions, c.suggestions, what);
    assert.ok(r.stderr.length > 0, `${what}: the message is also on stderr`);
  }
  const plain = await runCli(["weights", "pull", "--bogus"]);
  assert.equal(plain.code, 2);
  assert.equal(plain.stdout, "", "without --json nothing goes to stdout");
  const help = await runCli(["models", "list", "-o", "json", "--help"]);
  assert.equal(help.code, 0);
  assert.doesNotMatch(help.stdout, /"error"/);
});
