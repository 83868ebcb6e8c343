import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import type { Model, Offering } from "../src/catalog/_schema.ts";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { runCli } from "./helpers/cli.ts";

const catalog = embeddedCatalog();
const ansi = new RegExp(String.fromCharCode(27) + "\\[");

Deno.test("models list -p anthropic -o json returns Anthropic's offerings with prices", async () => {
  const r = await runCli(["models", "list", "-p", "anthropic", "-o", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const models = JSON.parse(r.stdout) as Offering[];
  assert.equal(models.length, catalog.offeringsByProvider("anthropic").length);
  assert.ok(models.length > 10);
  assert.ok(models.every((m) => m.provider === "anthropic"));
  const sonnet = models.find((m) => m.id === "claude-sonnet-4-5");
  assert.equal(sonnet?.pricing?.input, 3);
  assert.equal(sonnet?.pricing?.output, 15);
});

Deno.test("--search is repeatable and every term must match", async () => {
  const r = await runCli(["models", "list", "--search", "claude", "--search", "sonnet", "-o", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const models = JSON.parse(r.stdout) as Model[];
  assert.ok(models.length > 10);
  for (const m of models) {
    const text = [m.id, m.name, m.family ?? "", ...(m.aliases ?? [])].join(" ").toLowerCase();
    assert.ok(text.includes("claude") && text.includes("sonnet"), m.id);
  }
  const expected = catalog.query({ search: ["claude", "sonnet"] }).total;
  assert.equal(models.length, expected);
});

Deno.test("every output format of models list", async () => {
  const args = ["models", "list", "-p", "openai", "-s", "gpt-4o", "-l", "3"];
  const table = await runCli([...args]);
  assert.equal(table.code, 0);
  assert.match(table.stdout.split("\n")[0]!, /^PROVIDER\s+ID\s+NAME\s+CONTEXT/);
  assert.doesNotMatch(table.stdout, ansi, "no colour when not a terminal");
  assert.equal(table.stdout.trim().split("\n").length, 4);
  const wide = await runCli([...args, "-o", "wide"]);
  assert.match(wide.stdout, /CAPABILITIES/);
  const csv = await runCli([...args, "-o", "csv"]);
  assert.equal(
    csv.stdout.split("\n")[0],
    "provider,id,model,name,authors,context_tokens,output_tokens,input_usd_per_1m,output_usd_per_1m," +
      "cache_read_usd_per_1m,batch_input_usd_per_1m,capabilities,status,lifecycle,regions,link,release_date",
  );
  assert.match(
    csv.stdout,
    /^openai,gpt-4o,openai\/gpt-4o,GPT-4o,openai,128000,16384,2.5,10,1.25,/m,
    "raw numbers",
  );
  const md = await runCli([...args, "-o", "markdown"]);
  assert.match(md.stdout, /^\| PROVIDER \| ID \|/);
  assert.match(md.stdout.split("\n")[1]!, /^\| --- \| --- \|/);
  const yaml = await runCli([...args, "-o", "yaml"]);
  const parsed = parseYaml(yaml.stdout) as Offering[];
  assert.equal(parsed.length, 3);
  assert.equal(parsed[0]!.provider, "openai");
  const anywhere = await runCli(["--output", "json", ...args]);
  assert.equal(JSON.parse(anywhere.stdout).length, 3, "global flags work before the command too");
});

Deno.test("models show: a model with its offerings, one provider's offering, and not found", async () => {
  const json = await runCli(["models", "show", "openai/gpt-4o", "-o", "json"]);
  assert.equal(json.code, 0);
  const shown = JSON.parse(json.stdout) as { model: Model; offerings: Offering[] };
  assert.equal(shown.model.id, "openai/gpt-4o");
  const own = shown.offerings.find((o) => o.provider === "openai" && o.id === "gpt-4o");
  assert.deepEqual([own?.pricing?.input, own?.pricing?.output, own?.pricing?.cacheRead], [2.5, 10, 1.25]);
  const text = await runCli(["models", "show", "gpt-4o", "-p", "openai"]);
  assert.match(text.stdout, /^Price input:\s+\$2\.50 \/1M tokens$/m);
  assert.match(text.stdout, /^Model:\s+openai\/gpt-4o$/m);
  const bare = await runCli(["models", "show", "claude-opus-4-5-20251101", "-p", "anthropic", "-o", "json"]);
  assert.equal(JSON.parse(bare.stdout).offering.provider, "anthropic");
  const bareModel = await runCli(["models", "show", "gpt-4o", "-o", "json"]);
  assert.equal(JSON.parse(bareModel.stdout).model.id, "openai/gpt-4o", "a bare slug names the model");
  const missing = await runCli(["models", "show", "openai/gpt-4oo"]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /model "openai\/gpt-4oo" not found/);
  assert.match(missing.stderr, /did you mean: .*openai\/gpt-4o/);
});

Deno.test("bad flags exit 2 naming the flag; unknown ids exit 3", async () => {
  const limit = await runCli(["models", "list", "-l", "zero"]);
  assert.equal(limit.code, 2);
  assert.match(limit.stderr, /--limit/);
  const format = await runCli(["models", "list", "-o", "xml"]);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--output/);
  const ctx = await runCli(["models", "list", "--min-context", "lots"]);
  assert.equal(ctx.code, 2);
  assert.match(ctx.stderr, /--min-context/);
  const unknownCommand = await runCli(["modles"]);
  assert.equal(unknownCommand.code, 2);
  assert.match(unknownCommand.stderr, /models/);
  const provider = await runCli(["models", "list", "-p", "anthropc"]);
  assert.equal(provider.code, 3);
  assert.match(provider.stderr, /did you mean: anthropic/);
  const env = await runCli(["models", "list"], { env: { STARMAP_OUTPUT: "html" } });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /STARMAP_OUTPUT/);
});

Deno.test("capability filters and limits", async () => {
  const r = await runCli([
    "models",
    "list",
    "-p",
    "openai",
    "--tools",
    "--reasoning",
    "--vision",
    "--min-context",
    "200k",
    "--max-price",
    "5",
    "--sort",
    "input_price",
    "-o",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const models = JSON.parse(r.stdout) as Offering[];
  assert.ok(models.length > 0);
  for (const m of models) {
    assert.ok(m.capabilities.toolCalls && m.capabilities.reasoning && m.modalities.input.includes("image"));
    assert.ok(m.limits.context! >= 200_000 && m.pricing!.input! <= 5);
  }
  const prices = models.map((m) => m.pricing!.input!);
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
});

Deno.test("providers and authors list and show", async () => {
  const providers = await runCli(["providers", "list", "-o", "json"]);
  assert.equal(JSON.parse(providers.stdout).length, 147);
  const show = await runCli(["providers", "show", "anthropic", "-o", "yaml"]);
  const p = parseYaml(show.stdout) as { id: string; env: string[]; models: string[] };
  assert.deepEqual(p.env, ["ANTHROPIC_API_KEY"]);
  assert.ok(p.models.includes("claude-sonnet-4-5"));
  const text = await runCli(["providers", "show", "gemini"]);
  assert.match(text.stdout, /^ID:\s+google$/m, "aliases resolve");
  const missing = await runCli(["providers", "show", "opnai"]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /openai/);
  const authors = await runCli(["authors", "list", "-o", "csv", "--no-headers"]);
  assert.match(authors.stdout, /^anthropic,Anthropic,\d+,\d+/m);
  const author = await runCli(["authors", "show", "meta", "-o", "json"]);
  const a = JSON.parse(author.stdout) as { models: string[]; huggingFace: string };
  assert.equal(a.huggingFace, "meta-llama");
  assert.ok(a.models.includes(catalog.offering("groq/llama-3.3-70b-versatile")!.model), a.models.join());
  const md = await runCli(["providers", "list", "-o", "markdown", "-s", "groq"]);
  assert.match(md.stdout, /^\| groq \| Groq \|/m);
});

Deno.test("version and completion", async () => {
  const v = await runCli(["version", "-o", "json"]);
  const info = JSON.parse(v.stdout) as { version: string; catalog: { models: number } };
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.equal(info.catalog.models, catalog.models.length);
  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    const c = await runCli(["completion", shell]);
    assert.equal(c.code, 0);
    assert.match(c.stdout, /starmap __complete/);
  }
  const bad = await runCli(["completion", "tcsh"]);
  assert.equal(bad.code, 2);
});

Deno.test("config file: precedence and errors with file and key", async () => {
  const dir = await Deno.makeTempDir();
  const good = `${dir}/good.yaml`;
  await Deno.writeTextFile(good, "output:\n  format: json\n");
  const fromConfig = await runCli(["models", "list", "-p", "deepseek", "--config", good]);
  assert.equal(fromConfig.code, 0, fromConfig.stderr);
  assert.ok(Array.isArray(JSON.parse(fromConfig.stdout)), "config sets the format");
  const envWins = await runCli(["models", "list", "-p", "deepseek", "--config", good], {
    env: { STARMAP_OUTPUT: "csv" },
  });
  assert.match(envWins.stdout, /^provider,id/, "environment beats the config file");
  const flagWins = await runCli(["models", "list", "-p", "deepseek", "-o", "yaml"], {
    env: { STARMAP_OUTPUT: "csv", STARMAP_CONFIG: good },
  });
  assert.match(flagWins.stdout, /^- id: /, "flags beat the environment");
  const bad = `${dir}/bad.yaml`;
  await Deno.writeTextFile(bad, "output:\n  fromat: json\n");
  const r = await runCli(["models", "list", "--config", bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`${bad.replace(/[/.]/g, "\\$&")}`));
  assert.match(r.stderr, /output/);
  const broken = `${dir}/broken.yaml`;
  await Deno.writeTextFile(broken, "output: [\n");
  const b = await runCli(["models", "list", "--config", broken]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /broken\.yaml:\d+:\d+/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a reader that goes away early (| head) ends the run quietly", async () => {
  const dir = await Deno.makeTempDir();
  const script = `"$0" run --quiet -A main.ts models list -o yaml 2>"${dir}/err" | head -n 1 >/dev/null; ` +
    `echo "\${PIPESTATUS[0]}"`;
  const out = await new Deno.Command("bash", { args: ["-c", script, Deno.execPath()], stdout: "piped" })
    .output();
  assert.equal(new TextDecoder().decode(out.stdout).trim(), "0");
  assert.equal(await Deno.readTextFile(`${dir}/err`), "", "no EPIPE error on stderr");
  await Deno.remove(dir, { recursive: true });
});
