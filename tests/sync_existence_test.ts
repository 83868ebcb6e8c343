/**
 * Existence authority end to end: `starmap update` over the embedded catalog, with a fake models.dev and a fake
 * OpenAI list-models API on 127.0.0.1 replaying the real captures.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { UpdateReport } from "../src/sync/_report.ts";
import { runCli } from "./helpers/cli.ts";
import { fixture, json, serve } from "./helpers/sources_server.ts";

type DevDoc = Record<string, { models: Record<string, unknown> }>;
type OpenAIList = { data: { id: string }[] };

const devDoc = async (): Promise<DevDoc> => JSON.parse(await fixture("models.dev/api.json"));
const openaiCapture = async (): Promise<OpenAIList> =>
  JSON.parse(await fixture("providers/openai/models_list.json"));

/** models.dev's `/api.json` without the named OpenAI models. */
function devWithout(doc: DevDoc, drop: readonly string[]): DevDoc {
  const models = Object.fromEntries(Object.entries(doc.openai!.models).filter(([id]) => !drop.includes(id)));
  return { ...doc, openai: { ...doc.openai!, models } };
}

function cli(home: string, args: string[], env: Record<string, string> = {}) {
  return runCli([...args, "--catalog-dir", join(home, "catalog")], {
    env: { HOME: home, NO_COLOR: "1", ...env },
  });
}

/** Runs `update -y -o json` and returns the report. */
async function update(home: string, args: string[], env: Record<string, string> = {}) {
  const r = await cli(home, ["update", "-y", "-o", "json", ...args], env);
  assert.equal(r.code, 0, r.stderr);
  return UpdateReport.parse(JSON.parse(r.stdout));
}

/** Updates from a fake models.dev serving `doc`; `--force` saves (and so records provenance) even with no change. */
async function updateFromDev(home: string, doc: DevDoc, ...flags: string[]) {
  const up = serve(() => json(doc));
  try {
    return await update(home, ["--source", "models.dev", "--models-dev-url", `${up.url}/api.json`, ...flags]);
  } finally {
    await up.close();
  }
}

async function existence(home: string, key: string): Promise<string[]> {
  const r = await cli(home, ["models", "history", key, "-o", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const entries: { source: string; value: string }[] = JSON.parse(r.stdout).fields.existence;
  return entries.map((e) => `${e.source}:${e.value}`);
}

const removedKeys = (report: UpdateReport) =>
  report.changeset.offerings.removed.map((m) => `${m.provider}/${m.id}`);

Deno.test("update --source models.dev over the embedded catalog keeps the models only a provider API listed", async () => {
  const home = await mkdtemp(join(tmpdir(), "starmap-existence-"));
  try {
    const doc = await devDoc();
    const embedded = new Set(embeddedCatalogData().offerings.map((m) => `${m.provider}/${m.id}`));
    for (const id of ["whisper-1", "tts-1"]) {
      assert.ok(
        embedded.has(`openai/${id}`) && !doc.openai!.models[id],
        `${id}: in the catalog, not in models.dev`,
      );
    }
    // The embedded catalog was built from this very snapshot plus the provider captures: nothing to remove.
    const report = await updateFromDev(home, doc);
    assert.equal(report.result, "no_changes", JSON.stringify(report.changeset, null, 1).slice(0, 3000));
    assert.deepEqual(removedKeys(report), []);
    const saved = await updateFromDev(home, doc, "--force");
    assert.equal(saved.result, "saved");
    assert.deepEqual(removedKeys(saved), [], "models.dev removes nothing it never listed");
    // The embedded catalog ships with its provenance: the OpenAI API's listing (from the build) is known.
    assert.deepEqual(await existence(home, "openai/whisper-1"), ["openai:complete"]);
    assert.deepEqual(await existence(home, "openai/gpt-4.1"), ["openai:complete", "models.dev:complete"]);
  } finally {
    await rm(home, { recursive: true });
  }
});

Deno.test("the OpenAI API removes a model it stops listing; models.dev removes only what it alone listed", async () => {
  const home = await mkdtemp(join(tmpdir(), "starmap-existence-"));
  const capture = await openaiCapture();
  const api = serve((req) => {
    if (req.headers.get("authorization") !== "Bearer sk-test-existence") return json({}, { status: 401 });
    return json({ ...capture, data: capture.data.filter((m) => m.id !== "whisper-1") });
  });
  try {
    const doc = await devDoc();
    // o1-pro: only models.dev lists it; gpt-4.1: both models.dev and the OpenAI API list it.
    assert.ok(doc.openai!.models["o1-pro"] && !capture.data.some((m) => m.id === "o1-pro"));
    assert.ok(doc.openai!.models["gpt-4.1"] && capture.data.some((m) => m.id === "gpt-4.1"));
    await updateFromDev(home, doc, "--force");

    const fromApi = await update(home, ["--source", "openai"], {
      OPENAI_API_KEY: "sk-test-existence",
      STARMAP_OPENAI_BASE_URL: `${api.url}/v1`,
    });
    assert.equal(fromApi.sources[0]!.ok, true, fromApi.sources[0]!.error);
    assert.deepEqual(removedKeys(fromApi), ["openai/whisper-1"]);
    assert.deepEqual(await existence(home, "openai/o1-pro"), ["models.dev:complete"]);
    assert.deepEqual(await existence(home, "openai/gpt-4.1"), ["openai:complete", "models.dev:complete"]);

    const fromDev = await updateFromDev(home, devWithout(doc, ["o1-pro", "gpt-4.1"]));
    assert.deepEqual(removedKeys(fromDev), ["openai/o1-pro"]);
    assert.deepEqual(await existence(home, "openai/gpt-4.1"), ["openai:complete"]);
  } finally {
    await api.close();
    await rm(home, { recursive: true });
  }
});
