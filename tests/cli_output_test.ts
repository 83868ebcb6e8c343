/**
 * Output for people and for scripts: tables that never cut ids, the pager, raw csv/tsv, `--fields`, `-o name`,
 * JSON Lines, YAML that PyYAML reads as JSON, output schemas, and mistakes that are errors.
 */
import assert from "node:assert/strict";
import type { Offering } from "../src/catalog/_schema.ts";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { run } from "../src/cli/_program.ts";
import { runCli } from "./helpers/cli.ts";
import { memoryIO } from "./helpers/memory_io.ts";
import { installed, removeHome, starmapHome, Terminal } from "./helpers/tmux.ts";

const catalog = embeddedCatalog();

Deno.test("a narrow terminal never cuts an id: text wraps, other columns give way", async () => {
  const io = memoryIO({ STARMAP_PAGER: "cat" }, { columns: 60, rows: 1000 });
  assert.equal(await run(["models", "list", "-p", "openrouter", "-o", "wide"], io), 0, io.stderr);
  const lines = io.stdout.split("\n");
  for (const m of catalog.offeringsByProvider("openrouter")) {
    assert.ok(lines.some((l) => l.includes(` ${m.id} `) || l.endsWith(` ${m.id}`)), `id ${m.id} is whole`);
  }
  assert.doesNotMatch(io.stdout, /…/);
  const count = catalog.offeringsByProvider("openrouter").length;
  assert.match(io.stdout, new RegExp(`\\n${count} offerings\\n$`), "a table on a terminal ends with a count");
  const widest = Math.max(...lines.filter((l) => !/^\S+\s*$/.test(l)).map((l) => l.length));
  assert.ok(widest <= 60 + 61, "only an id longer than the terminal overflows");
  const numbers = memoryIO({ NO_COLOR: "1" }, { columns: 200, rows: 1000 });
  await run(["models", "list", "-p", "openai", "-s", "gpt-4o"], numbers);
  const head = numbers.stdout.split("\n")[0]!;
  const row = numbers.stdout.split("\n").find((l) => l.startsWith("openai "))!;
  assert.equal(
    row.indexOf("$") + row.slice(row.indexOf("$")).indexOf(" "),
    head.indexOf("$/1M") + 4,
    "right-aligned",
  );
});

Deno.test("long output on a terminal goes through STARMAP_PAGER; --no-pager and short output do not", async () => {
  const paged: string[] = [];
  const pager = (command: string, text: string) => {
    paged.push(`${command}\n${text}`);
    return Promise.resolve(true);
  };
  const long = memoryIO({ STARMAP_PAGER: "my-pager -x", NO_COLOR: "1" }, { columns: 120, rows: 20, pager });
  await run(["models", "list", "-p", "anthropic"], long);
  assert.equal(paged.length, 1);
  assert.match(paged[0]!, /^my-pager -x\nPROVIDER/);
  assert.match(paged[0]!, /\n\d+ offerings\n$/);
  assert.equal(long.stdout, "");
  const off = memoryIO({ STARMAP_PAGER: "my-pager", NO_COLOR: "1" }, { columns: 120, rows: 20, pager });
  await run(["models", "list", "-p", "anthropic", "--no-pager"], off);
  assert.equal(paged.length, 1);
  assert.match(off.stdout, /^PROVIDER/);
  const short = memoryIO({ PAGER: "my-pager" }, { columns: 120, rows: 200, pager });
  await run(["models", "list", "-p", "anthropic"], short);
  assert.equal(paged.length, 1, "output shorter than the terminal is not paged");
  const piped = memoryIO({ STARMAP_PAGER: "my-pager" });
  await run(["models", "list", "-p", "anthropic"], piped);
  assert.equal(paged.length, 1, "never when stdout is not a terminal");
  assert.doesNotMatch(piped.stdout, /\d+ offerings\n$/, "no count in a pipe");
});

Deno.test("the pager is a real process on a real terminal", async () => {
  if (!(await installed("tmux"))) {
    // deno-lint-ignore no-console
    console.warn("note: pager test skipped: tmux is not installed");
    return;
  }
  const { home, env } = await starmapHome();
  const t = await Terminal.start(["bash", "--norc", "--noprofile"], { ...env, PS1: "$ " });
  try {
    await t.waitFor(/^\$ ?$/m);
    await t.type("STARMAP_PAGER='sed s/^/paged:/' starmap models list -p openai | cat", "Enter");
    await t.waitFor(/^openai .*\n[\s\S]*\$ ?$/m);
    assert.doesNotMatch(await t.screen(), /paged:/, "a pipe is not a terminal: no pager");
    await t.type("clear; STARMAP_PAGER='sed s/^/paged:/' starmap models list -p openai", "Enter");
    const screen = await t.waitFor(/paged:\d+ offerings/);
    assert.match(screen, /paged:openai +gpt-/);
  } finally {
    await t.close();
    await removeHome(home);
  }
});

Deno.test("csv and tsv carry raw values under machine names; --no-headers; --fields in every format", async () => {
  const args = [
    "models",
    "list",
    "-p",
    "openai",
    "-s",
    "gpt-4o-mini",
    "--fields",
    "id,input_usd_per_1m,authors",
  ];
  const csv = await runCli([...args, "-o", "csv"]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^id,input_usd_per_1m,authors\ngpt-4o-mini,0.15,openai\n/);
  const tsv = await runCli([...args, "-o", "tsv", "--no-headers"]);
  assert.match(tsv.stdout, /^gpt-4o-mini\t0.15\topenai\n/);
  const json = await runCli([...args, "-o", "json"]);
  const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
  assert.deepEqual(rows[0], { id: "gpt-4o-mini", input_usd_per_1m: 0.15, authors: ["openai"] });
  const jsonl = await runCli(["models", "list", "-p", "anthropic", "-o", "jsonl"]);
  const records = jsonl.stdout.trim().split("\n").map((l) => JSON.parse(l) as Offering);
  assert.equal(records.length, catalog.offeringsByProvider("anthropic").length);
  assert.equal(records[0]!.provider, "anthropic");
  const names = await runCli(["models", "list", "-p", "anthropic", "-o", "name"]);
  assert.deepEqual(
    names.stdout.trim().split("\n"),
    catalog.offeringsByProvider("anthropic").map((m) => `anthropic/${m.id}`),
  );
  const unknown = await runCli(["models", "list", "--fields", "id,input_price"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown field "input_price"[\s\S]*input_usd_per_1m/);
  const full = await runCli(["models", "list", "-p", "openai", "-o", "csv"]);
  const header = full.stdout.split("\n")[0]!.split(",");
  const schema = JSON.parse((await runCli(["schema", "offerings-row"])).stdout) as { properties: object };
  assert.deepEqual(header, Object.keys(schema.properties), "the row schema names the csv columns");
  assert.doesNotMatch(full.stdout, /\$|"\d{1,3}(,\d{3})+"|\d+[KM],/, "no display text in csv");
});

Deno.test("YAML output loads in PyYAML as the same data as the JSON output", async () => {
  const probe = await new Deno.Command("python3", { args: ["-c", "import yaml"], stderr: "null" }).output()
    .catch(() => undefined);
  if (!probe?.success) {
    // deno-lint-ignore no-console
    console.warn("note: PyYAML check skipped: python3 with the yaml module is not installed");
    return;
  }
  const dir = await Deno.makeTempDir();
  for (const argv of [["models", "list"], ["providers", "list"], ["models", "show", "openai/gpt-4o"]]) {
    const yaml = await runCli([...argv, "-o", "yaml"]);
    const json = await runCli([...argv, "-o", "json"]);
    await Deno.writeTextFile(`${dir}/out.yaml`, yaml.stdout);
    await Deno.writeTextFile(`${dir}/out.json`, json.stdout);
    const script = "import json, yaml, sys\n" +
      "loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n" +
      "a = yaml.load(open(sys.argv[1]), Loader=loader)\nb = json.load(open(sys.argv[2]))\n" +
      "sys.exit(0 if a == b else 'the YAML reads differently from the JSON')";
    const out = await new Deno.Command("python3", {
      args: ["-c", script, `${dir}/out.yaml`, `${dir}/out.json`],
      stderr: "piped",
    }).output();
    assert.ok(out.success, `${argv.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("models show shows every field and tells no from unknown", async () => {
  const no = await runCli(["models", "show", "302ai/gpt-5.4-pro"]);
  assert.match(no.stdout, /^Structured output:\s+no$/m);
  const unknown = await runCli(["models", "show", "302ai/MiniMax-M1"]);
  assert.match(unknown.stdout, /^Structured output:\s+unknown$/m);
  const model = catalog.resolve("openai/gpt-4o").model;
  const text = (await runCli(["models", "show", "openai/gpt-4o"])).stdout;
  for (const value of [model.name, model.releaseDate!, model.knowledgeCutoff!, ...model.modalities.input]) {
    assert.ok(text.includes(value), `shows ${value}`);
  }
  const resolved = await runCli(["models", "show", "gpt-4o", "-p", "openrouter", "-o", "name"]);
  assert.equal(resolved.stdout, "openrouter/openai/gpt-4o\n");
  const again = await runCli(["models", "show", "openai/gpt-4o", "-p", "openai", "-o", "name"]);
  assert.equal(again.stdout, "openai/gpt-4o\n");
});

Deno.test("mistakes are errors: unknown subcommands, bad durations; global flags anywhere", async () => {
  for (
    const argv of [["models", "lst"], ["providers", "lst"], ["authors", "shwo", "meta"], [
      "completion",
      "tcsh",
    ]]
  ) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.stderr, /unknown command/, argv.join(" "));
    assert.equal(r.stdout, "");
  }
  assert.match((await runCli(["models", "lst"])).stderr, /Did you mean list\?/);
  const query = await runCli(["models", "list", "sonnet", "-p", "anthropic", "-o", "name"]);
  assert.equal(query.code, 0, "an explicit query still searches");
  const timeout = await runCli(["providers", "fetch", "openai", "--timeout", "5x"]);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /--timeout <duration>.*30s/);
  for (
    const argv of [
      ["--output", "json", "cost", "openai/gpt-4o", "--input", "1k"],
      ["cost", "openai/gpt-4o", "--input", "1k", "--output", "json"],
      ["cost", "-o", "json", "openai/gpt-4o", "--input", "1k"],
    ]
  ) {
    const r = await runCli(argv);
    assert.equal(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).model, "openai/gpt-4o");
  }
});

Deno.test("starmap schema prints a JSON Schema for each output", async () => {
  const model = JSON.parse((await runCli(["schema", "model"])).stdout) as {
    properties: Record<string, unknown>;
  };
  assert.ok(model.properties.model && model.properties.offerings);
  const offering = JSON.parse((await runCli(["schema", "offering"])).stdout) as {
    properties: Record<string, unknown>;
  };
  assert.ok(offering.properties.id && offering.properties.pricing);
  const cost = JSON.parse((await runCli(["schema", "cost-row"])).stdout) as {
    properties: Record<string, unknown>;
  };
  assert.deepEqual(cost.properties.total_usd, { type: ["number", "null"], description: "TOTAL (USD)" });
  const bad = await runCli(["schema", "nope"]);
  assert.equal(bad.code, 2);
});
