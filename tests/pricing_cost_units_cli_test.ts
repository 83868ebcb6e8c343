/**
 * End-to-end tests of the unit quantities, service rate and region flags of `starmap cost`, run as real processes.
 */
import assert from "node:assert/strict";
import { CostResponse } from "../src/pricing/_schema.ts";
import { runCli } from "./helpers/cli.ts";

Deno.test("cost flags for unit quantities: each is its own component of the JSON breakdown", async () => {
  const r = await runCli([
    "cost",
    "gemini-2.5-flash-image",
    "-p",
    "google",
    "--output-tokens",
    "1k",
    "--images-out",
    "3",
    "--web-searches",
    "2",
    "--pages",
    "1",
    "-o",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = CostResponse.parse(JSON.parse(r.stdout));
  assert.deepEqual([body.usage.imagesOut, body.usage.webSearches, body.usage.pages], [3, 2, 1]);
  const only = body.results[0]!;
  const usd = Object.fromEntries(only.components.map((c) => [c.component, c.usd]));
  // 1,000 × 30 per 1M; 3 × 0.039 per image; 2 × 35 per 1K searches; no page price.
  assert.deepEqual(usd, { output: "0.030000", imagesOut: "0.117000", webSearches: "0.070000", pages: null });
  assert.equal(only.status, "incomplete");
  assert.equal(only.total, "0.217000");
});

Deno.test("cost --service flex prices at the flex rate; --service batch without a batch rate says so", async () => {
  const flex = await runCli([
    "cost",
    "gpt-5",
    "-p",
    "openai",
    "--input",
    "1M",
    "--service",
    "flex",
    "-o",
    "json",
  ]);
  assert.equal(flex.code, 0, flex.stderr);
  const body = CostResponse.parse(JSON.parse(flex.stdout));
  assert.equal(body.service, "flex");
  assert.equal(body.results[0]!.total, "0.625000");
  const batch = await runCli(["cost", "gpt-5", "-p", "openai", "--input", "1M", "--service", "batch"]);
  assert.equal(batch.code, 0, batch.stderr);
  assert.match(batch.stdout, /note: openai\/gpt-5 has no batch rate in the catalog/);
  assert.match(batch.stdout, /TOTAL USD unknown at the batch rate/);
});

Deno.test("cost --region names a region without a multiplier in a note; bad values exit 2", async () => {
  const r = await runCli(["cost", "gpt-4o", "-p", "openai", "--input", "1k", "--region", "eu"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /note: no price multiplier known for region "eu"/);
  assert.match(r.stdout, /TOTAL USD 0\.002500/);
  const bad = await runCli(["cost", "gpt-4o", "--service", "cheap"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--service[\s\S]*standard, batch, priority, flex/);
  const seconds = await runCli(["cost", "gpt-4o", "--audio-seconds-in", "-3"]);
  assert.equal(seconds.code, 2);
  assert.match(seconds.stderr, /--audio-seconds-in/);
});

Deno.test("cost --service completes with the service rates", async () => {
  const r = await runCli(["__complete", "zsh", "--", "cost", "gpt-4o", "--service", ""]);
  assert.deepEqual(r.stdout.trim().split("\n"), ["standard", "batch", "priority", "flex"]);
});

Deno.test("a comparison at a service rate tells on stderr how many offerings lack the rate", async () => {
  const r = await runCli(["cost", "gpt-5", "--input", "1M", "--service", "flex"]);
  assert.equal(r.code, 0, r.stderr);
  const m = /^note: (\d+) of (\d+) offerings have no flex rate in the catalog/m.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.ok(Number(m[1]) > 0 && Number(m[1]) < Number(m[2]));
  assert.match(r.stdout, /^openai\s+gpt-5\s+priced\s+0\.625000$/m);
});
