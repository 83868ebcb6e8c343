/**
 * Shared helpers of the server tests: a backend over the embedded catalog whose update yields a second real
 * snapshot with one model added, one updated and one removed.
 *
 * @module
 */
import { Catalog } from "../../src/catalog/_catalog.ts";
import { embeddedCatalog, embeddedCatalogData } from "../../src/catalog/_embedded.ts";
import { type SnapshotBackend, snapshotBackend } from "../../src/server/_backend.ts";

/** The changes the update of {@link changedCatalog} makes. */
export const CHANGES = {
  added: "openai/gpt-4o-starmap-test",
  updated: "openai/gpt-4o",
  removed: "anthropic/claude-3-haiku-20240307",
};

/** The embedded catalog with one model added, one re-priced and one removed. */
export function changedCatalog(): Catalog {
  const data = embeddedCatalogData();
  const gpt = data.offerings.find((m) => `${m.provider}/${m.id}` === CHANGES.updated)!;
  const copy = "openai/gpt-4o-starmap-test";
  data.offerings.push({
    ...structuredClone(gpt),
    id: "gpt-4o-starmap-test",
    name: "GPT-4o (test copy)",
    model: copy,
  });
  const model = data.models.find((m) => m.id === gpt.model)!;
  data.models.push({ ...structuredClone(model), id: copy, name: "GPT-4o (test copy)" });
  gpt.pricing = { ...gpt.pricing, input: 1.25 };
  data.offerings = data.offerings.filter((m) => `${m.provider}/${m.id}` !== CHANGES.removed);
  data.updatedAt = "2030-01-01T00:00:00.000Z";
  return Catalog.from(data);
}

/** A backend serving the embedded catalog; `update` swaps in {@link changedCatalog}, waiting for `gate` if given. */
export function testBackend(gate?: Promise<void>): SnapshotBackend {
  return snapshotBackend(embeddedCatalog(), async (request) => {
    await gate;
    return { catalog: changedCatalog(), changeset: { request, note: "test" } };
  });
}
