import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UpdateReport } from "../src/sync/_report.ts";
import { fixturePath } from "./helpers/snapshot_source.ts";
import { catalogDirWithOld, currentCatalogText, FEW } from "./helpers/sync_fixtures.ts";
import { runCli } from "./helpers/cli.ts";

/** A fake models.dev serving the real newer api.json, trimmed to the providers of the fixture catalog. */
async function fakeModelsDev(failing = false) {
  const full = JSON.parse(await readFile(fixturePath("api.json"), "utf8"));
  const body = JSON.stringify(Object.fromEntries(FEW.map((p) => [p, full[p]])));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    if (failing) return new Response("down", { status: 404 });
    return new URL(req.url).pathname === "/api.json"
      ? new Response(body, { headers: { "content-type": "application/json" } })
      : new Response("not found", { status: 404 });
  });
  return { server, url: `http://127.0.0.1:${server.addr.port}/api.json` };
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { env: { NO_COLOR: "1", ...env } });
}

Deno.test("update --dry -o json against a fake models.dev prints the changeset and saves nothing", async () => {
  const dir = await catalogDirWithOld();
  const { server, url } = await fakeModelsDev();
  try {
    const before = await currentCatalogText(dir);
    const r = await cli([
      "update",
      "--dry",
      "--source",
      "models.dev",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
      "-o",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = UpdateReport.parse(JSON.parse(r.stdout));
    assert.equal(report.result, "dry_run");
    assert.equal(report.status, "ok");
    assert.equal(report.sources[0]!.ok, true);
    assert.ok(report.changeset.summary.models.added > 0);
    assert.ok(report.changeset.models.updated.every((u) => u.changes.length > 0));
    assert.equal(await currentCatalogText(dir), before);
  } finally {
    await server.shutdown();
    await rm(dir, { recursive: true });
  }
});

Deno.test("update without a terminal refuses unless --yes; with --yes it saves and history shows provenance", async () => {
  const dir = await catalogDirWithOld();
  const { server, url } = await fakeModelsDev();
  try {
    const refused = await cli([
      "update",
      "--source",
      "models.dev",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
    ]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /without confirmation/);
    const applied = await cli([
      "update",
      "-y",
      "--source",
      "models.dev",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
    ]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /^models \+\d+ ~\d+ -\d+/m);
    assert.match(applied.stderr, /saved .*generations.*catalog\.json/);
    const again = await cli([
      "update",
      "-y",
      "--source",
      "models.dev",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
    ]);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /up to date/);
    const history = await cli([
      "models",
      "history",
      "anthropic/claude-opus-4-1",
      "--catalog-dir",
      dir,
      "-o",
      "json",
    ]);
    assert.equal(history.code, 0, history.stderr);
    const fields = JSON.parse(history.stdout).fields;
    assert.equal(fields["pricing.input"][0].source, "models.dev");
    assert.equal(typeof fields["pricing.input"][0].priority, "number");
    const csv = await cli([
      "models",
      "history",
      "anthropic/claude-opus-4-1",
      "--catalog-dir",
      dir,
      "-o",
      "csv",
    ]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...records] = csv.stdout.trimEnd().split("\n");
    assert.equal(header, "FIELD,USED,SOURCE,VALUE,PRIORITY,AT");
    assert.ok(records.some((r) => r.startsWith("pricing.input,*,models.dev,")), csv.stdout);
    const valid = await cli(["validate", dir]);
    assert.equal(valid.code, 0, valid.stderr);
  } finally {
    await server.shutdown();
    await rm(dir, { recursive: true });
  }
});

Deno.test("update --require-all exits 5 when a source fails and leaves the catalog as it was", async () => {
  const dir = await catalogDirWithOld();
  const { server, url } = await fakeModelsDev(true);
  try {
    const before = await currentCatalogText(dir);
    const r = await cli([
      "update",
      "-y",
      "--require-all",
      "--source",
      "models.dev",
      "--source",
      "embedded",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
    ]);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /models\.dev/);
    assert.equal(await currentCatalogText(dir), before);
    const unknown = await cli([
      "update",
      "--dry",
      "anthropc",
      "--source",
      "models.dev",
      "--models-dev-url",
      url,
      "--catalog-dir",
      dir,
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /anthropic/);
  } finally {
    await server.shutdown();
    await rm(dir, { recursive: true });
  }
});

Deno.test("validate reports every problem with file and field, and exits 2", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-validate-"));
  try {
    await writeFile(
      join(dir, "catalog.json"),
      JSON.stringify({
        version: 1,
        updatedAt: "2026-01-01T00:00:00.000Z",
        providers: [{ id: "acme", name: "Acme", env: [] }],
        authors: [],
        models: [
          {
            id: "a",
            provider: "acme",
            name: "A",
            authors: [],
            modalities: { input: ["text"], output: ["text"] },
            capabilities: { attachments: false, reasoning: false, toolCalls: false },
            limits: { context: -1 },
          },
          {
            id: "b",
            provider: "acme",
            name: "",
            authors: [],
            modalities: { input: ["text"], output: ["text"] },
            capabilities: { attachments: false, reasoning: false, toolCalls: false },
            limits: {},
            pricing: { input: "cheap" },
          },
        ],
      }),
    );
    const r = await cli(["validate", join(dir, "catalog.json"), "-o", "json"]);
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout);
    const fields = report.problems.map((p: { field: string }) => p.field).sort();
    assert.deepEqual(fields, ["models[0].limits.context", "models[1].name", "models[1].pricing.input"]);
    assert.ok(report.problems.every((p: { file: string }) => p.file.endsWith("catalog.json")));
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("auth status lists key variables without ever printing a key", async () => {
  const r = await cli(["auth", "status", "-o", "json"], {
    OPENAI_API_KEY: "sk-secret-value-0123456789abcdef",
    GROQ_API_KEY: "",
  });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes("sk-secret-value-0123456789abcdef"));
  const rows = JSON.parse(r.stdout) as { provider: string; keyEnv: string; key: string }[];
  assert.equal(rows.find((x) => x.provider === "openai")?.key, "set");
  assert.equal(rows.find((x) => x.provider === "anthropic")?.key, "missing");
});
