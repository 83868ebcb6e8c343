/**
 * The fetch stage: every source concurrently, each with its own timeout, failures collected per source.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import type { SourceSnapshot } from "../reconcile/reconcile.ts";
import type { Source, SourceResult } from "../sources/source.ts";
import { screenResult } from "../sources/screen.ts";
import type { SourceReport } from "./options.ts";

/** What the fetch stage returns: the successful snapshots and a report per source. */
export interface FetchOutcome {
  /** Successful fetches, in source order. */
  snapshots: SourceSnapshot[];
  /** One report per source, in source order. */
  reports: SourceReport[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one fetch, rejecting when the timeout or the outer signal fires even if the source ignores its signal. */
async function fetchOne(
  source: Source,
  providers: readonly string[] | undefined,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<SourceResult> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", abort, { once: true });
  if (outer?.aborted) abort();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const fail = () =>
      reject(
        controller.signal.reason instanceof StarmapError ? controller.signal.reason : new StarmapError(
          "network",
          `source "${source.id}" ${outer?.aborted ? "was cancelled" : `timed out after ${timeoutMs} ms`}`,
        ),
      );
    if (controller.signal.aborted) fail();
    controller.signal.addEventListener("abort", fail, { once: true });
    timer = setTimeout(() => controller.abort(), timeoutMs);
  });
  try {
    const result = await Promise.race([source.fetch({ signal: controller.signal, providers }), stopped]);
    return screenResult(source.id, result);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", abort);
    stopped.catch(() => {});
    if (!controller.signal.aborted) controller.abort();
  }
}

/** Fetches every source concurrently; a failed source is reported while the others go on. */
export async function fetchSources(
  sources: readonly Source[],
  options: {
    providers?: readonly string[] | undefined;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    at: () => string;
  },
): Promise<FetchOutcome> {
  const started = sources.map(() => performance.now());
  const settled = await Promise.allSettled(
    sources.map((s) => fetchOne(s, options.providers, options.timeoutMs, options.signal)),
  );
  await Promise.allSettled(sources.map((s) => s.cleanup?.()));
  const snapshots: SourceSnapshot[] = [];
  const reports: SourceReport[] = settled.map((outcome, i) => {
    const source = sources[i]!;
    const ms = Math.round(performance.now() - started[i]!);
    if (outcome.status === "rejected") {
      return {
        id: source.id,
        kind: source.kind,
        ok: false,
        models: 0,
        ms,
        notes: [],
        error: message(outcome.reason),
      };
    }
    const at = options.at();
    snapshots.push({ source: { id: source.id, kind: source.kind }, result: outcome.value, at });
    return {
      id: source.id,
      kind: source.kind,
      ok: true,
      models: outcome.value.offerings.length,
      ms,
      notes: outcome.value.notes,
    };
  });
  return { snapshots, reports };
}
