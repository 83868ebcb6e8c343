/**
 * The fetch stage: every source concurrently, each with its own timeout, failures collected per source.
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../errors.ts";
import { deadline } from "../http/mod.ts";
import type { SourceSnapshot } from "../reconcile/mod.ts";
import type { Source, SourceResult } from "../sources/mod.ts";
import { screenResult } from "../sources/mod.ts";
import type { SourceProgress, SourceReport } from "./_options.ts";

/** What the fetch stage returns: the successful snapshots and a report per source. */
export interface FetchOutcome {
  /** Successful fetches, in source order. */
  snapshots: SourceSnapshot[];
  /** One report per source, in source order. */
  reports: SourceReport[];
  /** The first source that failed on bad input (an invalid override file), not on the network. */
  invalid?: StarmapError;
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
  const d = deadline(timeoutMs, { signals: [outer] });
  const stopped = d.aborted.catch((reason) => {
    throw reason instanceof StarmapError ? reason : new StarmapError(
      "network",
      `source "${source.id}" ${outer?.aborted ? "was cancelled" : `timed out after ${timeoutMs} ms`}`,
    );
  });
  stopped.catch(() => {});
  try {
    const result = await Promise.race([source.fetch({ signal: d.signal, providers }), stopped]);
    return screenResult(source.id, result);
  } finally {
    d.clear();
    // Stop whatever the source left running (further pages, retries).
    if (!d.signal.aborted) d.abort();
  }
}

/** A result that carries nothing: the source skipped itself (no key, not in scope) rather than answering. */
function skipped(result: SourceResult): boolean {
  return !result.offerings.length && !result.models?.length && !result.providers.length &&
    !result.authors.length &&
    !result.complete.length;
}

/** Times one source's fetch on its own clock and tells the progress callback when it starts and ends. */
async function timed(
  source: Source,
  run: () => Promise<SourceResult>,
  progress: ((event: SourceProgress) => void) | undefined,
): Promise<{ outcome: PromiseSettledResult<SourceResult>; ms: number }> {
  const t0 = performance.now();
  progress?.({ id: source.id, state: "fetching" });
  let outcome: PromiseSettledResult<SourceResult>;
  try {
    outcome = { status: "fulfilled", value: await run() };
  } catch (reason) {
    outcome = { status: "rejected", reason };
  }
  const ms = Math.round(performance.now() - t0);
  progress?.(
    outcome.status === "fulfilled"
      ? { id: source.id, state: "done", ms, models: outcome.value.offerings.length }
      : { id: source.id, state: "failed", ms, error: message(outcome.reason) },
  );
  return { outcome, ms };
}

/**
 * Fetches every source concurrently; a failed source is reported while the others go on. Each source's duration
 * is its own. A source whose result carries nothing (it skipped itself) is reported as skipped and is not passed
 * on as a snapshot, so that it does not count as having run.
 */
export async function fetchSources(
  sources: readonly Source[],
  options: {
    providers?: readonly string[] | undefined;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    at: () => string;
    onProgress?: ((event: SourceProgress) => void) | undefined;
  },
): Promise<FetchOutcome> {
  const settled = await Promise.all(
    sources.map((s) =>
      timed(s, () => fetchOne(s, options.providers, options.timeoutMs, options.signal), options.onProgress)
    ),
  );
  await Promise.allSettled(sources.map((s) => s.cleanup?.()));
  const snapshots: SourceSnapshot[] = [];
  const reports: SourceReport[] = settled.map(({ outcome, ms }, i) => {
    const source = sources[i]!;
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
    const empty = skipped(outcome.value);
    if (!empty) {
      snapshots.push({
        source: { id: source.id, kind: source.kind },
        result: outcome.value,
        at: options.at(),
      });
    }
    return {
      id: source.id,
      kind: source.kind,
      ok: true,
      models: outcome.value.offerings.length,
      ms,
      notes: outcome.value.notes,
      ...(empty ? { skipped: true } : {}),
    };
  });
  const invalid = settled.map(({ outcome }) => outcome.status === "rejected" ? outcome.reason : undefined)
    .find((reason) => isStarmapError(reason, "invalid"));
  return { snapshots, reports, ...(invalid ? { invalid } : {}) };
}
