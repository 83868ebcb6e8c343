import assert from "node:assert/strict";
import type { Model } from "../src/catalog/_schema.ts";
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
      (s) =>
        assert.equal(
          JSON.parse(s).offerings.find((o: { provider: string }) => o.provider === "openai").pricing.input,
          2.5,
        ),
    ],
    [["providers", "list", "-o", "csv"], (s) => assert.match(s, /^openai,OpenAI,/m)],
    [["providers", "show", "groq"], (s) => assert.match(s, /^ID:\s+groq$/m)],
    [["authors", "list"], (s) => assert.match(s, /^anthropic\s+Anthropic/m)],
    [["authors", "show", "openai", "-o", "yaml"], (s) => assert.match(s, /^id: openai$/m)],
    [["version"], (s) => assert.match(s, /^starmap:\s+\d/m)],
    [["completion", "bash"], (s) => assert.match(s, /complete -o default -F _starmap_complete starmap/)],
    [["__complete", "bash", "--", "providers", "show", "anthro"], (s) => assert.equal(s, "anthropic\n")],
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

Deno.test("cost, export pricing and update --dry work with --allow-net only", async () => {
  const api = await Deno.readTextFile(new URL("./fixtures/reconcile/api-2026-05-25.json", import.meta.url));
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => new Response(api, { headers: { "content-type": "application/json" } }),
  );
  const url = `http://127.0.0.1:${server.addr.port}/api.json`;
  const cost = await runCli(
    ["cost", "openai/gpt-4o", "--input", "10k", "--output-tokens", "2k", "-o", "json"],
    netOnly,
  );
  assert.equal(cost.code, 0, cost.stderr);
  const results: { key: string; total: string }[] = JSON.parse(cost.stdout).results;
  assert.equal(results.find((r) => r.key === "openai/gpt-4o")!.total, "0.045000");
  const exported = await runCli(["export", "pricing", "--format", "csv", "-p", "anthropic"], netOnly);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^anthropic,claude-/m);
  const update = await runCli(
    ["update", "--dry", "--source", "models.dev", "--models-dev-url", url, "-o", "json"],
    netOnly,
  );
  assert.equal(update.code, 0, update.stderr);
  const report = JSON.parse(update.stdout) as {
    status: string;
    result: string;
    changeset: { summary: { models: { updated: number } } };
  };
  assert.equal(report.result, "dry_run");
  assert.equal(report.status, "ok");
  assert.ok(report.changeset.summary.models.updated > 0, "the older snapshot differs from the catalog");
  assert.doesNotMatch(update.stderr, /NotCapable|Requires .* access|at file:/);
  await server.shutdown();
});

Deno.test("commands that need more than --allow-net say which permission, exit 2", async () => {
  const out = await runCli(
    ["export", "pricing", "--format", "csv", "--out", "/tmp/starmap-prices.csv"],
    netOnly,
  );
  assert.equal(out.code, 2, out.stderr);
  assert.match(out.stderr, /--allow-write/);
  assert.doesNotMatch(out.stderr, /at file:/);
  const update = await runCli(["update", "--yes", "--source", "models.dev"], netOnly);
  assert.equal(update.code, 2, update.stderr);
  assert.match(update.stderr, /--allow-(write|read|env)/);
});
