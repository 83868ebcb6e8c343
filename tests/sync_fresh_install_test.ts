import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { UpdateReport } from "../src/sync/_report.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

/** The models.dev snapshot the embedded catalog was built from: the models it lists for `provider`. */
async function devListed(provider: string): Promise<Map<string, { release_date?: string }>> {
  const api = JSON.parse(await readFile(`${ROOT}catalog/upstream/models.dev/api.json`, "utf8"));
  return new Map(Object.entries(api[provider].models as Record<string, { release_date?: string }>));
}

/** A fake Groq API serving the real capture, and a fake models.dev serving the snapshot of the build. */
async function upstreams() {
  // The real capture of Groq's list-models API (see tests/fixtures/sources/README.md), served on 127.0.0.1.
  const capture = await readFile(`${ROOT}tests/fixtures/sources/providers/groq/models_list.json`, "utf8");
  const dev = await readFile(`${ROOT}catalog/upstream/models.dev/api.json`, "utf8");
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    const body = path === "/openai/v1/models" ? capture : path === "/api.json" ? dev : undefined;
    return body
      ? new Response(body, { headers: { "content-type": "application/json" } })
      : new Response("not found", { status: 404 });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return { server, groq: `${base}/openai/v1`, dev: `${base}/api.json` };
}

/** The catalog a directory holds (the embedded one when no update saved), without its time stamp. */
async function savedCatalog(dir: string): Promise<unknown> {
  const id = await readFile(join(dir, "current"), "utf8").catch(() => undefined);
  const data = id
    ? JSON.parse(await readFile(join(dir, "generations", id.trim(), "catalog.json"), "utf8"))
    : embeddedCatalogData();
  return { ...data, updatedAt: undefined };
}

Deno.test("a provider update gives the same catalog whether or not a models.dev sync ran first", async () => {
  const home = await mkdtemp(join(tmpdir(), "starmap-fresh-"));
  const up = await upstreams();
  try {
    const env = { HOME: home, NO_COLOR: "1", GROQ_API_KEY: "gsk-test", STARMAP_GROQ_BASE_URL: up.groq };
    const groq = (dir: string) =>
      runCli(["update", "groq", "--source", "groq", "-y", "--catalog-dir", dir], { env });
    const direct = join(home, "direct");
    assert.equal((await groq(direct)).code, 0);
    const first = join(home, "first");
    const dev = await runCli(
      [
        "update",
        "--source",
        "models.dev",
        "--models-dev-url",
        up.dev,
        "-y",
        "--force",
        "--catalog-dir",
        first,
      ],
      { env },
    );
    assert.equal(dev.code, 0, dev.stderr);
    assert.equal((await groq(first)).code, 0);
    assert.deepEqual(await savedCatalog(direct), await savedCatalog(first));
  } finally {
    await up.server.shutdown();
    await rm(home, { recursive: true });
  }
});

Deno.test("a fresh install's first provider update keeps models.dev's curated values and models", async () => {
  const home = await mkdtemp(join(tmpdir(), "starmap-fresh-"));
  const { server, groq } = await upstreams();
  try {
    const env = {
      HOME: home,
      NO_COLOR: "1",
      GROQ_API_KEY: "gsk-test",
      STARMAP_GROQ_BASE_URL: groq,
    };
    const dir = join(home, "catalog");
    const r = await runCli(["update", "groq", "--source", "groq", "-y", "-o", "json", "--catalog-dir", dir], {
      env,
    });
    assert.equal(r.code, 0, r.stderr);
    const report = UpdateReport.parse(JSON.parse(r.stdout));
    assert.equal(report.sources[0]!.ok, true, report.sources[0]!.error);
    const listed = await devListed("groq");
    const removed = report.changeset.offerings.removed.map((m) => m.id).filter((id) => listed.has(id));
    assert.deepEqual(removed, [], "models that models.dev lists stay");
    const embedded = new Map(
      embeddedCatalogData().offerings.filter((m) => m.provider === "groq").map((m) => [m.id, m]),
    );
    const moved = report.changeset.offerings.updated.flatMap((u) =>
      u.changes.filter((c) =>
        c.path === "releaseDate" && listed.get(u.key.slice("groq/".length))?.release_date
      )
        .map((c) => `${u.key}: ${c.old} → ${c.new}`)
    );
    assert.deepEqual(moved, [], "release dates models.dev curated are kept");
    assert.ok(embedded.size > 0);

    // Offline, on the embedded catalog: history shows where values came from.
    const history = await runCli(["models", "history", "openai/gpt-4o", "-o", "json"], {
      env: { HOME: home },
    });
    assert.equal(history.code, 0, history.stderr);
    const fields = JSON.parse(history.stdout).fields;
    assert.equal(fields["pricing.input"][0].source, "models.dev");
    assert.deepEqual(fields.existence.map((e: { source: string }) => e.source).sort(), [
      "models.dev",
      "openai",
    ]);
  } finally {
    await server.shutdown();
    await rm(home, { recursive: true });
  }
});
