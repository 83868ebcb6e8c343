import assert from "node:assert/strict";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { embeddedCatalog, embeddedCatalogData } from "../src/catalog/_embedded.ts";
import type { Model, Offering } from "../src/catalog/_schema.ts";
import { runCli } from "./helpers/cli.ts";

const catalog = embeddedCatalog();

type Row = Model & { providers: number; offerings: number; cheapest: { input?: number; output?: number } };

Deno.test("models list shows one row per model with its providers, context and cheapest prices", async () => {
  const r = await runCli(["models", "list", "claude", "sonnet", "4-5", "-o", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Row[];
  assert.equal(new Set(rows.map((m) => m.id)).size, rows.length, "one row per model");
  const sonnet = rows.find((m) => m.id === "anthropic/claude-sonnet-4-5")!;
  const offerings = catalog.offerings("anthropic/claude-sonnet-4-5", { snapshots: false });
  assert.equal(sonnet.providers, new Set(offerings.map((o) => o.provider)).size);
  assert.ok(sonnet.providers >= 20, String(sonnet.providers));
  assert.equal(sonnet.cheapest.input, Math.min(...offerings.flatMap((o) => o.pricing?.input ?? [])));
  const table = await runCli(["models", "list", "claude-sonnet-4-5"]);
  assert.match(
    table.stdout.split("\n")[0]!,
    /^ID\s+NAME\s+PROVIDERS\s+CONTEXT\s+INPUT \$\/1M\s+OUTPUT \$\/1M$/,
  );
  const offeringsFlag = await runCli([
    "models",
    "list",
    "--offerings",
    "-s",
    "claude-sonnet-4-5",
    "-o",
    "json",
  ]);
  const listed = JSON.parse(offeringsFlag.stdout) as Offering[];
  assert.ok(listed.length > rows.length, "--offerings lists each provider's offering");
  assert.ok(listed.every((o) => o.provider && o.model));
});

Deno.test("models show of a model lists every offering cheapest first; of a provider's id, that offering", async () => {
  const table = await runCli(["models", "show", "anthropic/claude-sonnet-4-5"]);
  assert.equal(table.code, 0, table.stderr);
  for (const provider of ["amazon-bedrock", "google-vertex", "openrouter", "github-copilot", "azure"]) {
    assert.match(table.stdout, new RegExp(`^${provider}\\s`, "m"), provider);
  }
  // Every provider that serves the model has its row, with the life cycle and regions of its offering.
  const served = new Set(catalog.offerings("anthropic/claude-sonnet-4-5").map((o) => o.provider));
  assert.ok(served.size >= 30, String(served.size));
  for (const provider of served) assert.match(table.stdout, new RegExp(`^${provider}\\s`, "m"), provider);
  assert.match(
    table.stdout,
    /^PROVIDER\s+ID\s+NAME\s+CONTEXT\s+INPUT \$\/1M\s+OUTPUT \$\/1M\s+LIFECYCLE\s+REGIONS$/m,
  );
  const json = await runCli(["models", "show", "anthropic/claude-sonnet-4-5", "-o", "json"]);
  const shown = JSON.parse(json.stdout) as { model: Model; offerings: Offering[] };
  assert.equal(shown.model.id, "anthropic/claude-sonnet-4-5");
  assert.equal(shown.offerings.length, catalog.offerings("anthropic/claude-sonnet-4-5").length);
  const prices = shown.offerings.map((o) => o.pricing?.input ?? Infinity);
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b), "cheapest first");
  assert.ok(shown.offerings.some((o) => o.id === "us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
  const key = "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  const one = await runCli(["models", "show", key]);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /^Offering:\s+amazon-bedrock\/us\.anthropic\.claude-sonnet-4-5-20250929-v1:0$/m);
  assert.match(one.stdout, /^Model:\s+anthropic\/claude-sonnet-4-5-20250929$/m);
  assert.match(one.stdout, /^Base:\s+anthropic\/claude-sonnet-4-5$/m);
  const missing = await runCli(["models", "show", "anthropic/claude-sonet-4-5"]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /did you mean: .*anthropic\/claude-sonnet-4-5/);
});

Deno.test("models compare lays models side by side", async () => {
  const r = await runCli(["models", "compare", "anthropic/claude-sonnet-4-5", "gpt-4o", "-o", "wide"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^model\s+anthropic\/claude-sonnet-4-5\s+openai\/gpt-4o\s*$/m);
  assert.match(r.stdout, /^input \$\/1M\s+\$0\.43\s+(free|\$\S+)\s*$/m);
  const json = await runCli(["models", "compare", "claude-sonnet-4-5", "openai/gpt-4o", "-o", "json"]);
  const items = JSON.parse(json.stdout) as { model: Model; offerings: Offering[] }[];
  assert.deepEqual(items.map((i) => i.model.id), ["anthropic/claude-sonnet-4-5", "openai/gpt-4o"]);
  const one = await runCli(["models", "compare", "gpt-4o"]);
  assert.equal(one.code, 2, "compare needs two");
});

Deno.test("filters by request parameter, operation, life cycle and retirement date", async () => {
  const params = await runCli([
    "models",
    "list",
    "--offerings",
    "--param",
    "tools",
    "--param",
    "response_format",
    "-o",
    "json",
  ]);
  const withParams = JSON.parse(params.stdout) as Offering[];
  assert.ok(withParams.length > 10);
  assert.ok(withParams.every((o) => o.params?.includes("tools") && o.params.includes("response_format")));
  const models = await runCli(["models", "list", "--param", "tools", "--operation", "chat", "-o", "json"]);
  const rows = JSON.parse(models.stdout) as Row[];
  assert.equal(rows.length, catalog.query({ param: ["tools"], operation: ["chat"] }).total);
  const retiring = await runCli([
    "models",
    "list",
    "--offerings",
    "--retiring-before",
    "2026-12-31",
    "-o",
    "json",
  ]);
  const leaving = JSON.parse(retiring.stdout) as Offering[];
  assert.ok(leaving.length > 0);
  for (const o of leaving) {
    const date = o.lifecycle?.retirementDate ?? o.lifecycle?.deprecationDate;
    assert.ok(date !== undefined && date <= "2026-12-31", `${o.provider}/${o.id}`);
  }
  const bad = await runCli(["models", "list", "--retiring-before", "2026-02-30"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--retiring-before/);
});

Deno.test("--region keeps the offerings served in a region, from a catalog directory that knows regions", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-regions-"));
  try {
    const data = embeddedCatalogData();
    const served = new Map([
      ["amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", ["us-east-1", "us-west-2"]],
      ["google-vertex/claude-sonnet-4-5@20250929", ["us-east5", "europe-west1"]],
    ]);
    for (const o of data.offerings) {
      // Only these two know their regions here, whatever the embedded catalog's sources say of others.
      const regions = served.get(`${o.provider}/${o.id}`);
      if (regions) o.regions = regions;
      else delete o.regions;
    }
    await writeFile(join(dir, "catalog.json"), JSON.stringify(data));
    const env = { STARMAP_CATALOG_DIR: dir };
    const east = await runCli(["models", "list", "--offerings", "--region", "us-east-1", "-o", "json"], {
      env,
    });
    assert.equal(east.code, 0, east.stderr);
    const rows = JSON.parse(east.stdout) as Offering[];
    assert.deepEqual(rows.map((o) => `${o.provider}/${o.id}`), [...served.keys()].slice(0, 1));
    const either = await runCli(
      ["models", "list", "--offerings", "--region", "us-east-1", "--region", "europe-west1", "-o", "json"],
      { env },
    );
    assert.equal((JSON.parse(either.stdout) as Offering[]).length, 2, "a region of any of the flags");
    const none = await runCli(["models", "list", "--offerings", "--region", "mars-1"], { env });
    assert.equal(none.code, 0);
    assert.match(none.stderr, /no offerings match/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("cost of a model prices every offering of it", async () => {
  const r = await runCli([
    "cost",
    "claude-sonnet-4-5",
    "--input",
    "1000",
    "--output-tokens",
    "100",
    "-o",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout) as { results?: { key: string }[] } | { key: string }[];
  const results = Array.isArray(body) ? body : body.results ?? [];
  const keys = results.map((x) => x.key);
  assert.ok(keys.includes("amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"), keys.join());
  assert.ok(keys.includes("anthropic/claude-sonnet-4-5"));
  assert.equal(keys.length, catalog.offerings("anthropic/claude-sonnet-4-5").length);
});

Deno.test("a catalog directory of version 1 is migrated with one note, and validate explains it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-v1-"));
  try {
    await copyFile(new URL("./fixtures/catalog_v1/catalog.json", import.meta.url), join(dir, "catalog.json"));
    const env = { STARMAP_CATALOG_DIR: dir };
    const show = await runCli(["models", "show", "anthropic/claude-sonnet-4-5", "-o", "json"], { env });
    assert.equal(show.code, 0, show.stderr);
    const notes = show.stderr.split("\n").filter((l) => l.startsWith("note:"));
    assert.equal(notes.length, 1, show.stderr);
    assert.match(notes[0]!, /catalog version 1 migrated to version 2: 49 rows became offerings/);
    const shown = JSON.parse(show.stdout) as { model: Model; offerings: Offering[] };
    const providers = new Set(shown.offerings.map((o) => o.provider));
    for (const p of ["anthropic", "amazon-bedrock", "google-vertex", "openrouter"]) {
      assert.ok(providers.has(p), p);
    }
    const vertex = await runCli(["models", "show", "google-vertex/claude-sonnet-4@20250514", "-o", "json"], {
      env,
    });
    assert.equal(
      JSON.parse(vertex.stdout).offering.lifecycle.status,
      "deprecated",
      "status became lifecycle",
    );
    const validate = await runCli(["validate", dir], { env });
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stderr, /note: .*catalog\.json: catalog version 1 migrated to version 2/);
    assert.equal(
      JSON.parse(await readFile(join(dir, "catalog.json"), "utf8")).version,
      1,
      "reading writes nothing",
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});
