/**
 * The events the server streams over SSE and WebSocket, as zod schemas (for the OpenAPI document) and the
 * function that turns an observed update into them.
 *
 * @module
 */
import { z } from "zod";
import type { Catalog } from "../catalog/mod.ts";
import { ChangeCounts, type Changeset, diffCatalogs } from "../reconcile/mod.ts";
import type { Broker } from "./_broker.ts";
import { catalogVersion } from "./_content_hash.ts";
import type * as Types from "./types.gen.ts";

/** Data of `catalog.updated`: the new version and what changed. */
export const CatalogUpdatedData = z.strictObject({
  version: z.string(),
  previousVersion: z.string().nullable(),
  updatedAt: z.string(),
  /** How many models each kind of change touched. */
  summary: ChangeCounts,
  /** True when the update changed more models than get one event each: re-read what you track. */
  truncated: z.boolean(),
});

/** Data of `model.added`, `model.updated` and `model.removed`. */
export const ModelEventData = z.strictObject({
  key: z.string(),
  provider: z.string(),
  id: z.string(),
  version: z.string(),
  fields: z.array(z.string()).optional(),
});

/** Data of `heartbeat` and `ready`. */
export const HeartbeatData = z.strictObject({ time: z.string(), version: z.string().nullable().optional() });

/** Data of `refetch`: the events after `Last-Event-ID` are no longer held; re-read what you track. */
export const RefetchData = z.strictObject({
  time: z.string(),
  version: z.string().nullable().optional(),
  lastEventId: z.string(),
});

/** One event as a WebSocket message (SSE sends `type` as the event name and `data` as data). */
export const StreamEvent = z.discriminatedUnion("type", [
  z.strictObject({ id: z.number().int(), type: z.literal("catalog.updated"), data: CatalogUpdatedData }),
  z.strictObject({
    id: z.number().int(),
    type: z.enum(["model.added", "model.updated", "model.removed"]),
    data: ModelEventData,
  }),
  z.strictObject({ id: z.number().int(), type: z.enum(["heartbeat", "ready"]), data: HeartbeatData }),
  z.strictObject({ id: z.number().int(), type: z.literal("refetch"), data: RefetchData }),
]);
/** One event as a WebSocket message. */
export type StreamEvent = Types.StreamEvent;

/**
 * How many `model.*` events one update may publish. It stays well below the broker's per-subscriber queue, so a
 * client that keeps up is never dropped as slow because of a single large update.
 */
export const MAX_MODEL_EVENTS = 500;

/** One model that was added, updated or removed, as its event carries it. */
export interface ModelChange {
  /** What happened to the model. */
  type: "added" | "updated" | "removed";
  /** `provider/id`. */
  key: string;
  /** The provider id. */
  provider: string;
  /** The model id. */
  id: string;
  /** For updates: the top-level fields that changed. */
  fields?: string[];
}

/** A catalog with nothing in it: the baseline of the first snapshot. */
export const EMPTY = { models: [], offerings: [], providers: [], authors: [] };

/**
 * The offering changes of a changeset (the one diff, computed by the sync pipeline), in key order: events name
 * what a provider serves by `provider/id`; the provider is a slug, so the first `/` splits the key.
 */
export function modelChanges(changeset: Changeset): ModelChange[] {
  const ref = (key: string) => ({
    key,
    provider: key.slice(0, key.indexOf("/")),
    id: key.slice(key.indexOf("/") + 1),
  });
  const out: ModelChange[] = [
    ...changeset.offerings.added.map((m) => ({ type: "added" as const, ...ref(`${m.provider}/${m.id}`) })),
    ...changeset.offerings.updated.map((u) => ({
      type: "updated" as const,
      ...ref(u.key),
      fields: [...new Set(u.changes.map((c) => c.path.split(".")[0]!))].sort(),
    })),
    ...changeset.offerings.removed.map((m) => ({
      type: "removed" as const,
      ...ref(`${m.provider}/${m.id}`),
    })),
  ];
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Publishes the events of a snapshot change: one `model.*` event per changed model, then `catalog.updated`. The
 * events come from the update's changeset; a backend that reports none (a snapshot swapped in from elsewhere)
 * gets the changeset the sync pipeline's own diff computes between the two snapshots. An update that changed
 * more than `maxModelEvents` models publishes only `catalog.updated`, marked `truncated`. Returns the summary.
 */
export function publishChange(
  broker: Broker,
  before: Catalog | undefined,
  after: Catalog,
  changeset?: Changeset,
  maxModelEvents: number = MAX_MODEL_EVENTS,
): ChangeCounts {
  const version = catalogVersion(after);
  const changes = modelChanges(changeset ?? diffCatalogs(before?.data ?? EMPTY, after.data));
  const summary = { added: 0, updated: 0, removed: 0 };
  for (const c of changes) summary[c.type]++;
  const truncated = changes.length > maxModelEvents;
  if (!truncated) {
    for (const { type, ...rest } of changes) broker.publish(`model.${type}`, { ...rest, version });
  }
  broker.publish("catalog.updated", {
    version,
    previousVersion: before ? catalogVersion(before) : null,
    updatedAt: after.data.updatedAt,
    summary,
    truncated,
  });
  return summary;
}
