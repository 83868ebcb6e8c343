import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { Starmap } from "../src/client.ts";
import { isStarmapError, StarmapError } from "../src/errors.ts";
import { createApp, starmapBackend } from "../src/server/mod.ts";
import { ErrorBody } from "../src/server/_errors.ts";
import { buildSources } from "../src/sources/mod.ts";
import { WeightsManager } from "../src/weights/mod.ts";
import { runCli } from "./helpers/cli.ts";
import { catalogDirWithOld } from "./helpers/sync_fixtures.ts";

/** A flag or a starmap variable or command: words of the CLI, which a library message must not use. */
const CLI_WORDS = /(^|\s|\()--[a-z]|STARMAP_|`starmap /;

const KEY = "s3cret-key-for-tests";

/** A client whose only source is the OpenAI API, without a key: it skips itself. */
async function keylessClient(dir: string): Promise<Starmap> {
  const client = await Starmap.open({ catalogDir: dir, persist: false });
  const sources = buildSources({
    providers: client.catalog().providers,
    ids: ["openai"],
    env: () => undefined,
  });
  return await Starmap.open({ catalogDir: dir, persist: false, sources });
}

Deno.test("every source skipped: the library is neutral, the CLI names --source, the server its body field", async () => {
  const dir = await catalogDirWithOld();
  try {
    const client = await keylessClient(dir);
    const error = await client.sync().then(() => undefined, (e: unknown) => e);
    assert.ok(isStarmapError(error, "invalid"), String(error));
    assert.equal(error.code, "sources_skipped");
    assert.doesNotMatch(`${error.message}\n${error.hint}`, CLI_WORDS);

    const cli = await runCli(["update", "-y", "-q", "--source", "openai", "--catalog-dir", dir], {
      env: { NO_COLOR: "1" },
    });
    assert.equal(cli.code, 2, cli.stderr);
    assert.match(cli.stderr, /hint: .*choose other sources with --source/);

    const app = createApp({ backend: starmapBackend(client), authKey: KEY });
    const res = await app.request("/api/v1/update", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": KEY },
      body: JSON.stringify({ sources: ["openai"] }),
    });
    const body = ErrorBody.parse(await res.json());
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(body.error.message, /every source skipped itself/);
    assert.match(body.error.message, /name other sources in the request's "sources"/);
    assert.doesNotMatch(body.error.message, CLI_WORDS);
    await app.close();
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a missing registry names its setting; the CLI words it from the setting's declared flag and variable", async () => {
  const manager = new WeightsManager({ dataDir: "unused-dir" });
  const error = await manager.list({ remote: true }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof StarmapError, String(error));
  assert.equal(error.setting, "weights.registry");
  assert.doesNotMatch(`${error.message}\n${error.hint ?? ""}`, CLI_WORDS);

  const cli = await runCli(["weights", "list", "--remote", "--models-dir", "unused-dir"], {
    env: { NO_COLOR: "1" },
  });
  assert.equal(cli.code, 2, cli.stderr);
  assert.match(cli.stderr, /hint: pass --registry or set STARMAP_REGISTRY_URL \(config weights\.registry\)/);
});
