import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Model, Offering } from "../src/catalog/_schema.ts";
import { runCli } from "./helpers/cli.ts";

const BEDROCK = "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const ROUTER = "openrouter/openai/gpt-4o";

Deno.test("an override file pins one offering's link and cuts another's, through update and back", async () => {
  const overrides = await mkdtemp(join(tmpdir(), "starmap-links-"));
  const dir = await mkdtemp(join(tmpdir(), "starmap-catalog-"));
  const show = async (key: string) => {
    const r = await runCli(["models", "show", key, "--catalog-dir", dir, "-o", "json"]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { offering: Offering; model: Model };
  };
  const update = (...extra: string[]) =>
    runCli([
      "update",
      "--source",
      "local",
      "--overrides-dir",
      overrides,
      "--catalog-dir",
      dir,
      "-y",
      ...extra,
    ]);
  try {
    await writeFile(
      join(overrides, "links.yaml"),
      [
        "offerings:",
        "  - { provider: amazon-bedrock, id: us.anthropic.claude-sonnet-4-5-20250929-v1:0,",
        "      model: anthropic/claude-opus-4-5 }",
        "  - { provider: openrouter, id: openai/gpt-4o, link: { method: new } }",
      ].join("\n"),
    );
    const first = await update();
    assert.equal(first.code, 0, first.stderr);
    const pinned = await show(BEDROCK);
    assert.equal(pinned.model.id, "anthropic/claude-opus-4-5");
    assert.deepEqual(pinned.offering.link, { method: "override", confidence: 1, source: "local" });
    const cut = await show(ROUTER);
    assert.notEqual(cut.model.id, "openai/gpt-4o", "a model of its own");
    assert.equal(cut.offering.link.method, "override");
    const gpt4o = await runCli(["models", "show", "openai/gpt-4o", "--catalog-dir", dir, "-o", "json"]);
    const served = (JSON.parse(gpt4o.stdout) as { offerings: Offering[] }).offerings;
    assert.ok(!served.some((o) => `${o.provider}/${o.id}` === ROUTER), "no longer an offering of GPT-4o");
    // The pin taken out of the file: the next update from local moves the offering back to what the linker
    // infers, and the cut still stands.
    await writeFile(
      join(overrides, "links.yaml"),
      "offerings:\n  - { provider: openrouter, id: openai/gpt-4o, link: { method: new } }\n",
    );
    const second = await update();
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout + second.stderr, /links moved 1/);
    const back = await show(BEDROCK);
    assert.equal(back.model.id, "anthropic/claude-sonnet-4-5-20250929");
    assert.equal(back.offering.link.method, "spelling");
    assert.equal((await show(ROUTER)).model.id, cut.model.id);
  } finally {
    await rm(overrides, { recursive: true });
    await rm(dir, { recursive: true });
  }
});
