/**
 * End-to-end tests of `starmap cost` and `starmap export pricing`, run as real processes.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { CostResponse } from "../src/pricing/_schema.ts";
import { run } from "../src/cli/_program.ts";
import type { CliIO } from "../src/cli/_io.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const overrides = `${ROOT}tests/fixtures/pricing/overrides`;

function memoryIO(env: Record<string, string> = {}): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: undefined,
    env: (name: string) => env[name],
  };
  return io;
}

Deno.test("cost -o json: the documented response shape, checked by hand", async () => {
  const r = await runCli([
    "cost",
    "openai/gpt-4o",
    "--input",
    "12k",
    "--output-tokens",
    "1.5k",
    "--cached",
    "2000",
    "-o",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = CostResponse.parse(JSON.parse(r.stdout));
  assert.equal(body.usage.input, 12_000);
  assert.equal(body.usage.output, 1_500);
  assert.equal(body.results[0]!.total, "0.047500");
});

Deno.test("cost with a bare id compares providers cheapest first (yaml), unknown last", async () => {
  const r = await runCli([
    "cost",
    "gpt-4o",
    "--input",
    "1M",
    "--output-tokens",
    "100k",
    "--pricing-file",
    `${overrides}/good.yaml`,
    "-o",
    "yaml",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = CostResponse.parse(parse(r.stdout));
  const keys = body.results.map((x) => x.key);
  const acme = keys.indexOf("acme/gpt-4o");
  const azure = keys.indexOf("azure/gpt-4o");
  assert.ok(acme >= 0 && acme < azure, keys.join());
  // acme: prompt 1M > 100K tier: 1,000,000 × 0.075 + 100,000 × 0.15 µ$ = 0.09 USD.
  assert.equal(body.results[acme]!.total, "0.090000");
  assert.equal(body.results[azure]!.total, "1.400000"); // 1M × 1 + 100K × 4 µ$
  assert.ok(keys.includes("openai/gpt-4o"));
});

Deno.test("cost table marks unknown prices and the total", async () => {
  const r = await runCli(["cost", "openai/gpt-4.1-2025-04-14", "--input", "1000"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /input\s+1,000 tokens\s+unknown\s+unknown/);
  assert.match(r.stdout, /TOTAL USD unknown/);
  const priced = await runCli(["cost", "openai/gpt-4.1-2025-04-14", "--input", "1000"], {
    env: { STARMAP_PRICING_FILE: `${overrides}/good.yaml` },
  });
  assert.match(priced.stdout, /TOTAL USD 0\.002000/);
});

Deno.test("bad token counts exit 2 naming the flag", async () => {
  for (
    const [flag, value] of [["--input", "abc"], ["--output-tokens", "-5"], ["--cached", "12q"], [
      "--reasoning",
      "2T",
    ]]
  ) {
    const r = await runCli(["cost", "openai/gpt-4o", flag!, value!]);
    assert.equal(r.code, 2, `${flag} ${value}`);
    assert.match(r.stderr, new RegExp(`option '${flag}`));
    assert.equal(r.stdout, "");
  }
});

Deno.test("unknown model exits 3 with suggestions", async () => {
  const r = await runCli(["cost", "openai/gpt-4oo", "--input", "1"]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /did you mean: .*openai\/gpt-4o/);
});

Deno.test("pricing file errors exit 2 with file, line, key and field", async () => {
  const cases: [string, RegExp][] = [
    ["bad_yaml.yaml", /bad_yaml\.yaml:\d+:\d+: /],
    ["unknown_field.yaml", /unknown_field\.yaml:3:3: key "openai\/gpt-4o": field outptu: unknown field/],
    ["negative.yaml", /negative\.yaml:5:3: key "anthropic\/claude-sonnet-4-5": field output: .*>=0/],
    ["bad_key.yaml", /bad_key\.yaml:1:1: key "gpt-4o": expected a provider\/model key/],
    ["missing.yaml", /pricing file .*missing\.yaml does not exist/],
  ];
  for (const [file, message] of cases) {
    const r = await runCli([
      "cost",
      "openai/gpt-4o",
      "--input",
      "1",
      "--pricing-file",
      `${overrides}/${file}`,
    ]);
    assert.equal(r.code, 2, file);
    assert.match(r.stderr, message);
  }
  const env = await runCli(["export", "pricing", "--format", "csv"], {
    env: { STARMAP_PRICING_FILE: `${overrides}/negative.yaml` },
  });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /negative\.yaml/);
});

Deno.test("export pricing: --format belongs to the subcommand; -o/--output is global in any position", async () => {
  const io = memoryIO();
  assert.equal(
    await run(["export", "pricing", "--format", "openrouter", "-p", "anthropic"], io),
    0,
    io.stderr,
  );
  const doc = JSON.parse(io.stdout) as { data: { id: string; pricing: Record<string, string> }[] };
  assert.ok(doc.data.every((m) => m.id.startsWith("anthropic/")));
  const sonnet = doc.data.find((m) => m.id === "anthropic/claude-sonnet-4-5")!;
  assert.deepEqual(
    { prompt: sonnet.pricing.prompt, completion: sonnet.pricing.completion },
    { prompt: "0.000003", completion: "0.000015" },
  );
  const alias = memoryIO();
  assert.equal(await run(["--output", "json", "models", "show", "openai/gpt-4o"], alias), 0, alias.stderr);
  assert.equal(JSON.parse(alias.stdout).model.id, "openai/gpt-4o");
  const bad = memoryIO();
  assert.equal(await run(["export", "pricing", "--format", "json"], bad), 2);
  assert.match(bad.stderr, /--format <format>.*Allowed choices are litellm, openrouter, yaml, csv/);
  const cost = memoryIO();
  const argv = ["--output", "json", "cost", "openai/gpt-4o", "--output-tokens", "100"];
  assert.equal(await run(argv, cost), 0, cost.stderr);
  const priced: { key: string; total: string }[] = JSON.parse(cost.stdout).results;
  assert.ok(priced.length > 5, "a model id prices every offering of the model");
  assert.equal(priced.find((r) => r.key === "openai/gpt-4o")!.total, "0.001000");
});

Deno.test("export pricing yaml: the Calcifer price table in USD per 1K tokens", async () => {
  const r = await runCli(["export", "pricing", "--format", "yaml", "-p", "openai,google"]);
  assert.equal(r.code, 0, r.stderr);
  const table = parse(r.stdout) as {
    providers: Record<string, { models: Record<string, { input: number }> }>;
  };
  assert.deepEqual(Object.keys(table.providers).sort(), ["google", "openai"]);
  assert.deepEqual(table.providers.openai!.models["gpt-4o"], { input: 0.0025, output: 0.01 });
  assert.deepEqual(table.providers.google!.models["gemini-2.5-pro"], { input: 0.00125, output: 0.01 });
  assert.match(r.stdout, /^# USD per 1K tokens/);
  assert.doesNotMatch(r.stdout, /000000\d|99999\d/);
});

Deno.test("export pricing csv to --out: atomic file with every price per 1M", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = `${dir}/prices.csv`;
    const r = await runCli(["export", "pricing", "--format", "csv", "-p", "google", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /exported \d+ models as csv/);
    const lines = (await Deno.readTextFile(out)).trimEnd().split("\n");
    assert.equal(
      lines[0],
      "provider,model,name,input_per_1m,output_per_1m,cacheRead_per_1m,cacheWrite_per_1m,reasoning_per_1m,inputAudio_per_1m,outputAudio_per_1m,tiers",
    );
    const pro = lines.find((l) => l.startsWith("google,gemini-2.5-pro,"))!;
    assert.equal(
      pro,
      "google,gemini-2.5-pro,Gemini 2.5 Pro,1.25,10,0.125,,,,,>200000:input=2.5 output=15 cacheRead=0.25",
    );
    assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["prices.csv"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cost and export work under --allow-net only", async () => {
  const cost = await runCli(["cost", "openai/gpt-4o", "--input", "1k", "-o", "json"], {
    permissions: ["--allow-net"],
  });
  assert.equal(cost.code, 0, cost.stderr);
  assert.equal(
    JSON.parse(cost.stdout).results.find((r: { key: string }) => r.key === "openai/gpt-4o").total,
    "0.002500",
  );
  const exp = await runCli(["export", "pricing", "--format", "litellm", "-p", "anthropic"], {
    permissions: ["--allow-net"],
  });
  assert.equal(exp.code, 0, exp.stderr);
  assert.ok(JSON.parse(exp.stdout)["claude-sonnet-4-5"]);
  const file = await runCli(["cost", "openai/gpt-4o", "--input", "1", "--pricing-file", "/tmp/x.yaml"], {
    permissions: ["--allow-net"],
  });
  assert.equal(file.code, 2);
  assert.match(file.stderr, /--allow-read/);
});
