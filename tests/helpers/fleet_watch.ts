/**
 * Watches what fleet replicas serve through a whole scenario: each replica's `GET /catalog/manifest` sampled
 * every few milliseconds (generation id, sequence, ETag) and the `catalog.updated` events its event stream sends.
 *
 * @module
 */
import { sseReader } from "./sse.ts";

/** One sample of a replica's manifest. */
export interface Served {
  id: string;
  sequence: number;
  etag: string;
}

/** What one replica served and announced. */
export interface Watch {
  /** The manifests served, consecutive repeats collapsed. */
  served: Served[];
  /** The versions of the `catalog.updated` events sent, in order. */
  updates(): string[];
}

/** Samples the manifests and reads the event streams of the replicas at `bases` until `stop` is called. */
export async function watchReplicas(bases: string[]): Promise<{ watches: Watch[]; stop(): Promise<void> }> {
  let running = true;
  const loops: Promise<unknown>[] = [];
  const watches: Watch[] = [];
  const streams: ReturnType<typeof sseReader>[] = [];
  for (const base of bases) {
    const served: Served[] = [];
    const sse = sseReader(await fetch(`${base}/events`));
    await sse.until("ready");
    streams.push(sse);
    loops.push(
      (async () => {
        while (await sse.until("(none)"));
      })().catch(() => {}),
    );
    loops.push((async () => {
      while (running) {
        const res = await fetch(`${base}/catalog/manifest`);
        const { id, sequence } = await res.json();
        const last = served.at(-1);
        const etag = res.headers.get("etag") ?? "";
        if (!last || last.etag !== etag || last.sequence !== sequence) served.push({ id, sequence, etag });
        await new Promise((r) => setTimeout(r, 10));
      }
    })());
    watches.push({
      served,
      updates: () =>
        sse.events.filter((e) => e.type === "catalog.updated").map((e) =>
          (e.data as { version: string }).version
        ),
    });
  }
  return {
    watches,
    async stop() {
      running = false;
      for (const sse of streams) await sse.reader.cancel().catch(() => {});
      await Promise.all(loops);
    },
  };
}
