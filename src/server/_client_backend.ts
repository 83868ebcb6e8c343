/**
 * The server's backend over the library's Starmap client: updates run the sync pipeline and swap the client's
 * snapshot; updates made by the client elsewhere (its own auto-update, another caller) reach the server too.
 *
 * @module
 */
import type { Starmap } from "../client.ts";
import { updateReport } from "../sync/mod.ts";
import type { CatalogBackend, UpdateListener, UpdateOutcome } from "./_backend.ts";

/**
 * Adapts a {@link Starmap} client to a {@link CatalogBackend}. `POST /update` answers with the sync report
 * (the changeset and each source's outcome).
 *
 * @example
 * ```ts
 * const starmap = await Starmap.open({ catalogDir, sources });
 * const app = createApp({ backend: starmapBackend(starmap) });
 * ```
 */
export function starmapBackend(client: Starmap): CatalogBackend {
  return {
    snapshot: () => client.catalog(),
    async update(request, signal): Promise<UpdateOutcome> {
      const result = await client.sync({
        signal,
        ...(request.provider ? { providers: [request.provider] } : {}),
        ...(request.sources?.length ? { only: request.sources } : {}),
      });
      return {
        catalog: client.catalog(),
        changeset: updateReport(result),
        changes: result.changeset,
        provenance: result.provenance,
      };
    },
    subscribe(listener: UpdateListener): () => void {
      return client.onSync((result) => {
        if (result.status === "saved" || result.status === "applied") {
          listener({
            catalog: client.catalog(),
            changeset: updateReport(result),
            changes: result.changeset,
            provenance: result.provenance,
          });
        }
      });
    },
  };
}
