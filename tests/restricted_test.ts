import assert from "node:assert/strict";
import type { Model } from "../src/catalog/schema.ts";
import { runCli } from "./helpers/cli.ts";

const netOnly = { permissions: ["--allow-net"] };

Deno.test("read commands work with --allow-net only", async () => {
  const cases: [string[], (stdout: string) => void][] = [
    [
      ["models", "list", "-p", "anthropic", "-o", "json"],
      (s) => assert.ok((JSON.parse(s) as Model[]).length > 10),
    ],
    [
      ["models", "show", "openai/gpt-4o", "-o", "json"],
      (s) => assert.equal(JSON.parse(s).pricing.input, 2.5),
    ],
    [["providers", "list", "-o", "csv"], (s) => assert.match(s, /^openai,OpenAI,/m)],
    [["providers", "show", "groq"], (s) => assert.match(s, /^ID:\s+groq$/m)],
    [["authors", "list"], (s) => assert.match(s, /^anthropic\s+Anthropic/m)],
    [["authors", "show", "openai", "-o", "yaml"], (s) => assert.match(s, /^id: openai$/m)],
    [["version"], (s) => assert.match(s, /^starmap:\s+\d/m)],
    [["completion", "bash"], (s) => assert.match(s, /complete -o default -F _starmap starmap/)],
  ];
  for (const [args, check] of cases) {
    const r = await runCli(args, netOnly);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /PermissionDenied|NotCapable|Requires .* access|at file:/, args.join(" "));
    check(r.stdout);
  }
});

Deno.test("a config file that needs read permission is reported with the flag to add, exit 2", async () => {
  const r = await runCli(["models", "list", "--config", "/tmp/starmap-config.yaml"], netOnly);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /read permission is not granted/);
  assert.match(r.stderr, /--allow-read=\/tmp\/starmap-config\.yaml/);
  assert.doesNotMatch(r.stderr, /at file:/);
});

Deno.test("-v explains what a missing permission skipped", async () => {
  const r = await runCli(["-v", "providers", "list", "-l", "1"], netOnly);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /no env permission/);
});
