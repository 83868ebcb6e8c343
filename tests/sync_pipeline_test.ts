import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { loadCatalog } from "../src/catalog/_store.ts";
import { Starmap } from "../src/client.ts";
import { isStarmapError, StarmapError } from "../src/errors.ts";
import type { Source } from "../src/sources/_source.ts";
import { sync } from "../src/sync/_pipeline.ts";
import { loadProvenance } from "../src/sync/_store.ts";
import {
  catalogDirWithOld,
  currentCatalogFile,
  currentCatalogText,
  newResult,
  newSource,
  oldCatalog,
  oldResult,
} from "./helpers/sync_fixtures.ts";
import { FixedSource } from "./helpers/snapshot_source.ts";

const at = () => new Date("2026-07-02T00:00:00.000Z");

async function catalogBytes(dir: string): Promise<string> {
  return await currentCatalogText(dir);
}

Deno.test("a saved update fires the hooks, and a throwing hook does not corrupt the saved catalog", async () => {
  const dir = await catalogDirWithOld();
  try {
    const added: string[] = [];
    const updated: string[] = [];
    const removed: string[] = [];
    const result = await sync({
      sources: [newSource()],
      catalogDir: dir,
      now: at,
      hooks: {
        onModelAdded: (m) => {
          added.push(`${m.provider}/${m.id}`);
          throw new Error("hook failure");
        },
        onModelUpdated: (m, changes) => {
          assert.ok(changes.length > 0);
          updated.push(`${m.provider}/${m.id}`);
        },
        onModelRemoved: (m) => void removed.push(`${m.provider}/${m.id}`),
      },
    });
    assert.equal(result.status, "saved");
    const { summary } = result.changeset;
    assert.ok(summary.offerings.added > 0 && summary.offerings.updated > 0);
    assert.equal(added.length, summary.offerings.added);
    assert.equal(updated.length, summary.offerings.updated);
    assert.equal(removed.length, summary.offerings.removed);
    assert.equal(result.hookErrors.length, summary.offerings.added);
    assert.equal(result.hookErrors[0]!.message, "hook failure");
    const loaded = await loadCatalog({ dir });
    assert.equal(loaded.origin, await currentCatalogFile(dir));
    assert.deepEqual(loaded.catalog.data, result.data);
    const provenance = (await loadProvenance(dir))!;
    const key = added[0]!;
    assert.equal(provenance.offerings[key]!["name"]![0]!.source, "models.dev");
    assert.ok(provenance.links[key]?.model, "the link of an added offering is recorded");
    assert.deepEqual(provenance, result.provenance, "provenance.json reads back as the provenance saved");
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a failing source is reported while the others still reconcile and save", async () => {
  const dir = await catalogDirWithOld();
  try {
    const broken = new FixedSource(
      "openai",
      "provider_api",
      new StarmapError("network", 'cannot fetch source "openai": HTTP 503'),
    );
    const result = await sync({ sources: [broken, newSource()], catalogDir: dir, now: at });
    assert.equal(result.status, "saved");
    const report = result.sources.find((s) => s.id === "openai")!;
    assert.equal(report.ok, false);
    assert.match(report.error!, /HTTP 503/);
    assert.equal(result.sources.find((s) => s.id === "models.dev")!.ok, true);
    assert.ok(result.changeset.summary.models.added > 0);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("requireAll turns a failed source into a network error and leaves the catalog untouched", async () => {
  const dir = await catalogDirWithOld();
  try {
    const before = await catalogBytes(dir);
    const broken = new FixedSource("litellm", "litellm", new Error("connection refused"));
    await assert.rejects(
      sync({ sources: [newSource(), broken], catalogDir: dir, requireAll: true, now: at }),
      (e) => isStarmapError(e, "network") && /litellm: connection refused/.test(e.message),
    );
    assert.equal(await catalogBytes(dir), before);
    // Every source failing is a network error even without requireAll.
    await assert.rejects(
      sync({ sources: [broken], catalogDir: dir, now: at }),
      (e) => isStarmapError(e, "network"),
    );
    assert.equal(await catalogBytes(dir), before);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a source that hangs past its timeout fails alone", async () => {
  const dir = await catalogDirWithOld();
  try {
    let resolveHang: () => void = () => {};
    const hang: Source = {
      id: "slow",
      kind: "provider_api",
      fetch: () => new Promise((resolve) => (resolveHang = () => resolve(newResult()))),
    };
    const result = await sync({
      sources: [hang, newSource()],
      catalogDir: dir,
      dryRun: true,
      timeoutMs: 50,
      now: at,
    });
    resolveHang();
    assert.equal(result.status, "dry_run");
    assert.match(result.sources[0]!.error!, /timed out after 50 ms/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a dry run saves nothing; a second run finds no changes; unknown names are invalid with suggestions", async () => {
  const dir = await catalogDirWithOld();
  try {
    const before = await catalogBytes(dir);
    const dry = await sync({ sources: [newSource()], catalogDir: dir, dryRun: true, now: at });
    assert.equal(dry.status, "dry_run");
    assert.ok(dry.changeset.summary.total > 0);
    assert.equal(await catalogBytes(dir), before);
    await sync({ sources: [newSource()], catalogDir: dir, now: at });
    const again = await sync({ sources: [newSource()], catalogDir: dir, now: at });
    assert.equal(again.status, "no_changes");
    assert.equal(again.changeset.summary.total, 0);
    await assert.rejects(
      sync({ sources: [newSource()], catalogDir: dir, providers: ["anthropc"] }),
      (e) => isStarmapError(e, "invalid") && e.suggestions.includes("anthropic"),
    );
    await assert.rejects(
      sync({ sources: [newSource()], catalogDir: dir, only: ["models.de"] }),
      (e) => isStarmapError(e, "invalid") && e.suggestions.includes("models.dev"),
    );
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("an update scoped to one provider changes only that provider", async () => {
  const dir = await catalogDirWithOld();
  try {
    const result = await sync({ sources: [newSource()], catalogDir: dir, providers: ["groq"], now: at });
    const touched = new Set([
      ...result.changeset.offerings.added.map((m) => m.provider),
      ...result.changeset.offerings.removed.map((m) => m.provider),
      ...result.changeset.offerings.updated.map((u) => u.key.split("/")[0]),
    ]);
    assert.deepEqual([...touched], ["groq"]);
    const old = oldCatalog().offerings.filter((m) => m.provider === "anthropic");
    assert.deepEqual(result.data.offerings.filter((m) => m.provider === "anthropic"), old);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("the client swaps its snapshot on update, fires hooks, and auto-updates until stopped", async () => {
  const dir = await catalogDirWithOld();
  try {
    const source = newSource();
    const starmap = await Starmap.open({ catalogDir: dir, sources: () => [source] });
    const first = starmap.catalog();
    const added: string[] = [];
    const off = starmap.onModelAdded((m) => void added.push(m.id));
    const result = await starmap.update();
    assert.equal(result.status, "saved");
    assert.notEqual(starmap.catalog(), first);
    assert.equal(first.models.length, oldCatalog().models.length, "the old snapshot is unchanged");
    assert.equal(added.length, result.changeset.summary.models.added);
    off();
    const runs: string[] = [];
    const done = new Promise<void>((resolve) => {
      starmap.onSync((r) => {
        runs.push(r.status);
        if (runs.length === 2) resolve();
      });
    });
    assert.throws(() => starmap.startAutoUpdate(0), (e) => isStarmapError(e, "invalid"));
    assert.ok(!starmap.autoUpdating, "a refused interval starts nothing");
    starmap.startAutoUpdate(5, { immediate: true });
    assert.ok(starmap.autoUpdating);
    await done;
    starmap.stopAutoUpdate();
    await starmap.idle();
    assert.ok(!starmap.autoUpdating);
    assert.deepEqual(runs.slice(0, 2), ["no_changes", "no_changes"]);
    assert.ok(source.calls >= 3);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("an in-memory client applies updates without a catalog directory", async () => {
  const starmap = await Starmap.open({ persist: false });
  // The older snapshot differs from the embedded catalog (built from the newer one), so there is a change to apply.
  const older = new FixedSource("models.dev", "models_dev", oldResult(["groq"]));
  const result = await starmap.sync({ sources: [older], providers: ["groq"] });
  assert.equal(result.status, "applied");
  assert.ok(result.changeset.summary.models.updated > 0);
  assert.equal(starmap.catalog(), result.catalog);
  assert.equal(result.path, undefined);
});
