/**
 * The server's metrics and their Prometheus text rendering (format 0.0.4): requests by route and status, a
 * latency histogram, open event streams, the active generation, update runs, per-source failures, the lease
 * and rate-limited requests.
 *
 * @module
 */

/** Latency buckets in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labels(pairs: Record<string, string>): string {
  const parts = Object.entries(pairs).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

/** What the rendering reads at scrape time (gauges that live elsewhere). */
export interface MetricsGauges {
  /** Open SSE and WebSocket streams. */
  streams(): number;
  /** The id of the generation served now, or null. */
  generation(): string | null;
  /** The lease holder (fleet mode), and whether it is this process. */
  lease(): { holder: string | null; self: boolean } | undefined;
  /** 1 when a shared store is unreachable. */
  degraded(): boolean;
}

/** The requests of one route: counts by status and the latency histogram. */
interface RouteFigures {
  statuses: Map<number, number>;
  buckets: number[];
  sum: number;
  count: number;
}

/** Counters and histograms of one app. */
export class Metrics {
  // One lookup per request, by route (a string made once per route): counting is on every cached read's path.
  readonly #routes = new Map<string, RouteFigures>();
  readonly #updates = new Map<string, number>();
  readonly #sourceFailures = new Map<string, number>();
  #updateSeconds = 0;
  #updateCount = 0;
  #rateLimited = 0;

  /** Counts one answered request. */
  request(route: string, status: number, seconds: number): void {
    let h = this.#routes.get(route);
    if (!h) {
      this.#routes.set(
        route,
        h = { statuses: new Map(), buckets: BUCKETS.map(() => 0), sum: 0, count: 0 },
      );
    }
    h.statuses.set(status, (h.statuses.get(status) ?? 0) + 1);
    for (let i = BUCKETS.length - 1; i >= 0 && seconds <= BUCKETS[i]!; i--) h.buckets[i]!++;
    h.sum += seconds;
    h.count++;
  }

  /** Counts one update run by result (`ok`, `failed`, `skipped`) with its duration. */
  update(result: string, seconds: number, failedSources: readonly string[] = []): void {
    this.#updates.set(result, (this.#updates.get(result) ?? 0) + 1);
    this.#updateSeconds += seconds;
    this.#updateCount++;
    for (const s of failedSources) this.#sourceFailures.set(s, (this.#sourceFailures.get(s) ?? 0) + 1);
  }

  /** Counts one request refused by the rate limit. */
  rateLimited(): void {
    this.#rateLimited++;
  }

  /** The Prometheus text of every metric. */
  render(g: MetricsGauges): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family("starmap_http_requests_total", "counter", "Requests answered, by route and status.");
    for (const [route, h] of this.#routes) {
      for (const [status, n] of h.statuses) {
        out.push(`starmap_http_requests_total${labels({ route, status: String(status) })} ${n}`);
      }
    }
    family("starmap_http_request_duration_seconds", "histogram", "Time to answer, by route.");
    for (const [route, h] of this.#routes) {
      BUCKETS.forEach((b, i) =>
        out.push(
          `starmap_http_request_duration_seconds_bucket${labels({ route, le: String(b) })} ${h.buckets[i]}`,
        )
      );
      out.push(`starmap_http_request_duration_seconds_bucket${labels({ route, le: "+Inf" })} ${h.count}`);
      out.push(`starmap_http_request_duration_seconds_sum${labels({ route })} ${h.sum}`);
      out.push(`starmap_http_request_duration_seconds_count${labels({ route })} ${h.count}`);
    }
    family("starmap_event_streams_open", "gauge", "Open SSE and WebSocket event streams.");
    out.push(`starmap_event_streams_open ${g.streams()}`);
    family("starmap_generation_info", "gauge", "The generation served now (label id).");
    const gen = g.generation();
    if (gen) out.push(`starmap_generation_info${labels({ id: gen })} 1`);
    family("starmap_update_runs_total", "counter", "Update runs, by result.");
    for (const [result, n] of this.#updates) out.push(`starmap_update_runs_total${labels({ result })} ${n}`);
    family("starmap_update_duration_seconds", "summary", "Time update runs took.");
    out.push(`starmap_update_duration_seconds_sum ${this.#updateSeconds}`);
    out.push(`starmap_update_duration_seconds_count ${this.#updateCount}`);
    family("starmap_source_failures_total", "counter", "Sources that failed in update runs, by source.");
    for (const [source, n] of this.#sourceFailures) {
      out.push(`starmap_source_failures_total${labels({ source })} ${n}`);
    }
    const lease = g.lease();
    family("starmap_lease_holder", "gauge", "1 when this replica holds the update lease (label holder).");
    if (lease) {
      out.push(`starmap_lease_holder${labels({ holder: lease.holder ?? "" })} ${lease.self ? 1 : 0}`);
    }
    family("starmap_degraded", "gauge", "1 while the shared store (Redis) is unreachable.");
    out.push(`starmap_degraded ${g.degraded() ? 1 : 0}`);
    family("starmap_rate_limited_total", "counter", "Requests refused by the rate limit.");
    out.push(`starmap_rate_limited_total ${this.#rateLimited}`);
    return `${out.join("\n")}\n`;
  }
}
