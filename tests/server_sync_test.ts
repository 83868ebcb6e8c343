import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { Starmap } from "../src/client.ts";
import { createApp } from "../src/server/_app.ts";
import { starmapBackend } from "../src/server/_client_backend.ts";
import { UpdateResult } from "../src/server/_schemas.ts";
import { UpdateReport } from "../src/sync/_report.ts";
import { catalogDirWithOld, newSource } from "./helpers/sync_fixtures.ts";

const KEY = "key-for-the-sync-backend-test";

Deno.test("POST /update runs the real sync pipeline through the Starmap client and swaps the snapshot", async () => {
  const dir = await catalogDirWithOld();
  const client = await Starmap.open({ catalogDir: dir, sources: [newSource()] });
  const before = client.catalog();
  const app = createApp({ backend: starmapBackend(client), authKey: KEY, broker: { heartbeatMs: 0 } });
  const sub = app.broker.subscribe();
  const res = await app.request("/api/v1/update", {
    method: "POST",
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(res.status, 200);
  const result = UpdateResult.parse(await res.json());
  const report = UpdateReport.parse(result.changeset);
  assert.equal(report.result, "saved");
  const counts = report.changeset.summary.offerings;
  assert.ok(counts.added + counts.updated + counts.removed > 0);
  const events: Record<string, number> = {};
  for (let e = await sub.next(); e && e.type !== "catalog.updated"; e = await sub.next()) {
    events[e.type] = (events[e.type] ?? 0) + 1;
  }
  sub.close();
  assert.deepEqual(
    {
      added: events["model.added"] ?? 0,
      updated: events["model.updated"] ?? 0,
      removed: events["model.removed"] ?? 0,
    },
    counts,
    "one model event per offering of the pipeline's changeset",
  );
  assert.notEqual(client.catalog(), before, "the client swapped its snapshot");
  const served = await app.request(`/api/v1/models/openai/gpt-4o`);
  assert.equal(served.status, 200);
  const reopened = await Starmap.open({ catalogDir: dir });
  assert.equal(reopened.catalog().models.length, client.catalog().models.length, "the update was saved");
  await app.close();
  await rm(dir, { recursive: true });
});
