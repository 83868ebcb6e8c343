import assert from "node:assert/strict";
import { unpackCatalog } from "../src/catalog/_packed.ts";
import { CatalogData } from "../src/catalog/_schema.ts";
import { ROOT } from "./helpers/cli.ts";

const oldApi = await Deno.readTextFile(`${ROOT}tests/fixtures/reconcile/api-2026-05-25.json`);

async function refresh(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}scripts/catalog_refresh.ts`, ...args],
    env: { HOME: Deno.env.get("HOME") ?? "/tmp", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("catalog refresh rewrites the catalog from the sources and writes the changeset notes", async () => {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    (req) =>
      new URL(req.url).pathname === "/api.json"
        ? new Response(oldApi, { headers: { "content-type": "application/json" } })
        : new Response("not found", { status: 404 }),
  );
  const dir = await Deno.makeTempDir();
  const file = `${dir}/catalog.json`;
  await Deno.copyFile(`${ROOT}catalog/catalog.json`, file);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const env = { STARMAP_MODELS_DEV_URL: `${base}/api.json`, STARMAP_LITELLM_URL: `${base}/missing.json` };

  const strict = await refresh(["--catalog", file, "--require-all"], env);
  assert.equal(strict.code, 5, strict.stderr);
  assert.equal(
    await Deno.readTextFile(file),
    await Deno.readTextFile(`${ROOT}catalog/catalog.json`),
    "unchanged",
  );

  const r = await refresh(["--catalog", file, "--notes", `${dir}/notes.md`], {
    ...env,
    GITHUB_OUTPUT: `${dir}/out`,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /source litellm: FAILED/);
  const data = CatalogData.parse(JSON.parse(await Deno.readTextFile(file)));
  assert.ok(data.models.length > 1000);
  const provenance = JSON.parse(await Deno.readTextFile(`${dir}/provenance.json`));
  assert.equal(provenance.updatedAt, data.updatedAt, "the provenance moves on with the catalog");
  const packed = unpackCatalog(await Deno.readTextFile(`${dir}/catalog.packed.jsonl`));
  assert.deepEqual(packed, data, "the packed form starmap embeds moves on with the catalog");
  const notes = await Deno.readTextFile(`${dir}/notes.md`);
  assert.match(notes, /\*\*models \+\d+ ~\d+ -\d+/);
  assert.match(notes, /^~ [a-z0-9-]+\/\S+$/m, "per-model updates are listed");
  assert.equal(await Deno.readTextFile(`${dir}/out`), "changed=true\n");

  const again = await refresh(["--catalog", file, "--notes", `${dir}/notes2.md`], {
    ...env,
    GITHUB_OUTPUT: `${dir}/out2`,
  });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(
    await Deno.readTextFile(`${dir}/out2`),
    "changed=false\n",
    "nothing to change the second time",
  );
  await server.shutdown();
  await Deno.remove(dir, { recursive: true });
});
