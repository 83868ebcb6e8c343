import assert from "node:assert/strict";
import { Catalog } from "../catalog/mod.ts";
import { embeddedCatalogData } from "../catalog/mod.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import { diffCatalogs } from "../reconcile/mod.ts";
import { Broker } from "./_broker.ts";
import { MAX_MODEL_EVENTS, publishChange } from "./_events.ts";

function repriced(count: number): Catalog {
  const data = embeddedCatalogData() as CatalogData;
  let changed = 0;
  for (const m of data.offerings) {
    if (changed === count) break;
    if (m.pricing?.input === undefined) continue;
    m.pricing.input += 1;
    changed++;
  }
  return Catalog.from(data);
}

Deno.test("a large update publishes catalog.updated marked truncated, and keeps its subscribers", async () => {
  const broker = new Broker({ heartbeatMs: 0 });
  const sub = broker.subscribe();
  const summary = publishChange(broker, Catalog.from(embeddedCatalogData()), repriced(MAX_MODEL_EVENTS + 1));
  assert.equal(summary.updated, MAX_MODEL_EVENTS + 1);
  const event = await sub.next();
  assert.equal(event?.type, "catalog.updated");
  assert.equal(JSON.parse(event!.json).truncated, true);
  assert.equal(sub.closeReason, undefined, "the subscriber was not dropped as slow");
  sub.close();
  broker.close();
});

Deno.test("a small update publishes one event per model, then catalog.updated", async () => {
  const broker = new Broker({ heartbeatMs: 0 });
  const sub = broker.subscribe();
  publishChange(broker, Catalog.from(embeddedCatalogData()), repriced(3));
  const types: string[] = [];
  for (let i = 0; i < 4; i++) types.push((await sub.next())!.type);
  assert.deepEqual(types, ["model.updated", "model.updated", "model.updated", "catalog.updated"]);
  sub.close();
  broker.close();
});

Deno.test("model events are derived from the update's changeset, the one diff", async () => {
  const broker = new Broker({ heartbeatMs: 0 });
  const sub = broker.subscribe();
  const before = Catalog.from(embeddedCatalogData());
  const after = repriced(3);
  // The pipeline's changeset names one change (and a field path): the events say exactly that.
  const changeset = diffCatalogs(before.data, after.data);
  changeset.offerings.updated = changeset.offerings.updated.slice(0, 1);
  const summary = publishChange(broker, before, after, changeset);
  assert.deepEqual(summary, { added: 0, updated: 1, removed: 0 });
  const first = await sub.next();
  assert.equal(first?.type, "model.updated");
  const data = JSON.parse(first!.json);
  assert.equal(data.key, changeset.offerings.updated[0]!.key);
  assert.deepEqual(data.fields, ["pricing"]);
  assert.equal((await sub.next())?.type, "catalog.updated");
  sub.close();
  broker.close();
});
