/**
 * The one HTTP client every source uses: per-request timeout, retries with exponential backoff and jitter on
 * network errors, 5xx and 429 (honouring `Retry-After`), no retry on other 4xx, a circuit breaker per source, a
 * size cap on bodies, same-origin redirects only, and keys kept out of every message.
 *
 * @example
 * ```ts
 * const http = new HttpClient({ timeoutMs: 10_000 });
 * const { value } = await http.getJson("https://models.dev/api.json", { source: "models.dev" });
 * ```
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { BodyTooLarge, decodeJson, readCapped } from "./_body.ts";
import { CircuitBreaker } from "./_breaker.ts";
import { redactUrl, scrub, secretValues } from "./_redact.ts";
import { backoffDelay, parseRetryAfter, sleep } from "./_retry.ts";
import { byteBody } from "./_byte_body.ts";
import { deadline } from "./_deadline.ts";
import { stallWatch } from "./_stall.ts";

/** The `fetch` function the client calls (injectable for tests and proxies). */
export type FetchFn = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** Options of an {@link HttpClient}. */
export interface HttpClientOptions {
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: FetchFn;
  /** Time allowed for one attempt, headers and body, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Retries after the first attempt. @default 3 */
  retries?: number;
  /** The first backoff delay in milliseconds (doubled per retry, with jitter). @default 500 */
  retryBaseMs?: number;
  /** The largest backoff delay in milliseconds. @default 8000 */
  retryMaxMs?: number;
  /** The longest `Retry-After` wait honoured, in milliseconds; longer asks are capped. @default 30000 */
  maxRetryAfterMs?: number;
  /** The largest body accepted, in bytes. @default 64 MiB */
  maxBodyBytes?: number;
  /** Consecutive failed attempts that open a source's circuit. @default 5 */
  breakerThreshold?: number;
  /** How long an open circuit fails fast, in milliseconds. @default 30000 */
  breakerCooldownMs?: number;
  /** A breaker to share (with its memory of past runs); `breakerThreshold`/`breakerCooldownMs` then do nothing. */
  breaker?: CircuitBreaker | undefined;
  /** Same-origin redirects followed per request. @default 5 */
  maxRedirects?: number;
  /** Random numbers in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** The `User-Agent` header. @default "starmap" */
  userAgent?: string;
}

/** Options of one request. */
export interface RequestOptions {
  /** The source id, used in messages and as the circuit breaker's key. */
  source: string;
  /** Request headers (secret ones are never put in messages). */
  headers?: Record<string, string>;
  /** Cancels the request. */
  signal?: AbortSignal | undefined;
  /** The environment variable holding the key, named in 401/403 messages. */
  keyEnv?: string | undefined;
  /** A body cap for this request, in bytes (defaults to the client's). */
  maxBodyBytes?: number | undefined;
  /** A request body: the request is then a POST (token exchanges, Ollama's `/api/show`). */
  body?: string | undefined;
  /**
   * For {@link HttpClient.open}: once the headers arrived, the attempt's timeout gives way to this idle limit, so a
   * large body may take as long as it needs while data keeps coming; the body is then a byte stream that readers
   * may read into their own buffer.
   */
  stallMs?: number | undefined;
}

/** A response whose body has been read (2xx, or 304 for conditional requests). */
export interface HttpResponse {
  /** The final URL after same-origin redirects. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The body bytes. */
  body: Uint8Array;
}

/** A response whose body is still a stream (size cap and timeout applied while it is read). */
export interface HttpStream {
  /** The final URL after same-origin redirects. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The body; it errors with a `StarmapError` past the cap or the timeout. */
  body: ReadableStream<Uint8Array>;
}

class Retryable extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.retryAfterMs = retryAfterMs;
  }
}

const decoder = new TextDecoder();

/** The HTTP client of every source. Safe to share between concurrent requests. */
export class HttpClient {
  readonly #fetch: FetchFn;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #maxRetryAfterMs: number;
  readonly #maxBody: number;
  readonly #maxRedirects: number;
  readonly #random: () => number;
  readonly #userAgent: string;
  readonly #breaker: CircuitBreaker;

  /** Makes a client; every option has a default. */
  constructor(options: HttpClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = Math.max(0, options.retries ?? 3);
    this.#retryBaseMs = options.retryBaseMs ?? 500;
    this.#retryMaxMs = options.retryMaxMs ?? 8_000;
    this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.#maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#random = options.random ?? Math.random;
    this.#userAgent = options.userAgent ?? "starmap";
    this.#breaker = options.breaker ?? new CircuitBreaker(compactBreaker(options));
  }

  /** The breaker this client records into (shared when one was given). */
  get breaker(): CircuitBreaker {
    return this.#breaker;
  }

  /**
   * GETs a URL and reads its body. Returns 2xx and 304 responses; throws for everything else.
   *
   * @throws {StarmapError} `network` (unreachable, timeout, HTTP errors after retries, refused key, body too
   * large, circuit open, cross-origin redirect).
   */
  async get(url: string, options: RequestOptions): Promise<HttpResponse> {
    return await this.#withRetries(url, options, async (signal, timeout) => {
      const res = await this.#send(url, options, signal);
      try {
        const body = await readCapped(res.response.body, options.maxBodyBytes ?? this.#maxBody);
        return { url: res.url, status: res.response.status, headers: res.response.headers, body };
      } finally {
        timeout.clear();
      }
    });
  }

  /**
   * GETs a URL and parses its JSON body; HTML or truncated JSON ends in a `network` error saying what arrived.
   *
   * @throws {StarmapError} as {@link HttpClient.get}.
   */
  async getJson(url: string, options: RequestOptions): Promise<{ value: unknown; response: HttpResponse }> {
    const response = await this.get(url, options);
    return { value: this.parseJson(response, options), response };
  }

  /** Parses a read response as JSON, with a per-source error naming what arrived instead. */
  parseJson(response: HttpResponse, options: Pick<RequestOptions, "source">): unknown {
    const decoded = decodeJson(decoder.decode(response.body), response.headers.get("content-type"));
    if ("value" in decoded) return decoded.value;
    throw new StarmapError(
      "network",
      `cannot fetch source "${options.source}": ${decoded.error} from ${redactUrl(response.url)}`,
      { hint: "check the source URL; a proxy or captive portal may be answering instead of the API" },
    );
  }

  /**
   * GETs a URL and returns its body as a stream (retries cover the request up to the headers; the cap and the
   * timeout apply while the stream is read).
   *
   * @throws {StarmapError} as {@link HttpClient.get}.
   */
  async open(url: string, options: RequestOptions): Promise<HttpStream> {
    return await this.#withRetries(url, options, async (signal, timeout) => {
      const res = await this.#send(url, options, signal);
      const cap = options.maxBodyBytes ?? this.#maxBody;
      const source = options.source;
      const idle = options.stallMs === undefined ? undefined : stallWatch(options.stallMs, source, res.url);
      if (idle) {
        const body = byteBody(res.response.body ?? new Blob([]).stream(), {
          cap,
          tooLarge: () => tooLarge(source, res.url, cap),
          idle,
          done: () => timeout.clear(),
        });
        return { url: res.url, status: res.response.status, headers: res.response.headers, body };
      }
      let size = 0;
      const limit = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > cap) {
            timeout.clear();
            controller.error(tooLarge(source, res.url, cap));
            return;
          }
          controller.enqueue(chunk);
        },
        flush() {
          timeout.clear();
        },
      });
      const body = (res.response.body ?? new Blob([]).stream()).pipeThrough(limit, { signal });
      return { url: res.url, status: res.response.status, headers: res.response.headers, body };
    }, false);
  }

  async #withRetries<T>(
    url: string,
    options: RequestOptions,
    attempt: (signal: AbortSignal, timeout: { clear(): void }) => Promise<T>,
    clearOnSuccess = true,
  ): Promise<T> {
    const secrets = secretValues(options.headers ?? {});
    const where = redactUrl(url);
    for (let n = 0;; n++) {
      const open = this.#breaker.openFor(options.source);
      if (open > 0) {
        throw new StarmapError(
          "network",
          `cannot fetch source "${options.source}": circuit open after repeated failures (retry in ${
            Math.ceil(open / 1000)
          } s)`,
          { hint: `${where} kept failing; wait for the cool-down or check the upstream` },
        );
      }
      if (options.signal?.aborted) throw cancelled(options.source, options.signal.reason);
      const timeout = deadline(this.#timeoutMs, {
        signals: [options.signal],
        reason: () =>
          new StarmapError(
            "network",
            `cannot fetch source "${options.source}": timed out after ${this.#timeoutMs} ms at ${where}`,
          ),
      });
      try {
        const result = await attempt(timeout.signal, timeout);
        if (clearOnSuccess) timeout.clear();
        this.#breaker.success(options.source);
        return result;
      } catch (error) {
        timeout.clear();
        if (options.signal?.aborted) throw cancelled(options.source, options.signal.reason);
        const failure = this.#classify(error, timeout.signal, options, where, secrets);
        if (failure instanceof StarmapError) {
          this.#breaker.refused(options.source, failure.message);
          throw failure;
        }
        this.#breaker.failure(options.source, scrub(failure.message, secrets));
        if (n >= this.#retries) {
          throw new StarmapError(
            "network",
            scrub(
              `cannot fetch source "${options.source}": ${failure.message} (after ${n + 1} attempts)`,
              secrets,
            ),
            { cause: failure.cause ?? failure, hint: `check that ${where} is reachable` },
          );
        }
        const backoff = backoffDelay(n, {
          baseMs: this.#retryBaseMs,
          maxMs: this.#retryMaxMs,
          random: this.#random,
        });
        const wait = failure.retryAfterMs === undefined
          ? backoff
          : Math.min(this.#maxRetryAfterMs, Math.max(backoff, failure.retryAfterMs));
        try {
          await sleep(wait, options.signal);
        } catch (reason) {
          throw cancelled(options.source, reason);
        }
      }
    }
  }

  /** Turns an attempt's failure into a retryable one or a final `StarmapError`. */
  #classify(
    error: unknown,
    signal: AbortSignal,
    options: RequestOptions,
    where: string,
    secrets: string[],
  ): Retryable | StarmapError {
    if (signal.aborted) {
      return new Retryable(`timed out after ${this.#timeoutMs} ms at ${where}`, undefined, error);
    }
    if (error instanceof StarmapError) return error;
    if (error instanceof Retryable) return error;
    if (error instanceof BodyTooLarge) return tooLarge(options.source, where, error.cap);
    const message = scrub(error instanceof Error ? error.message : String(error), secrets);
    return new Retryable(`${message} at ${where}`, undefined, error);
  }

  /** One request with same-origin redirects followed; maps statuses to retryable or final failures. */
  async #send(
    url: string,
    options: RequestOptions,
    signal: AbortSignal,
  ): Promise<{ url: string; response: Response }> {
    let current = new URL(url);
    const origin = current.origin;
    for (let hops = 0;; hops++) {
      const response = await this.#fetch(current, {
        method: options.body === undefined ? "GET" : "POST",
        body: options.body ?? null,
        headers: { "user-agent": this.#userAgent, accept: "application/json", ...options.headers },
        redirect: "manual",
        signal,
      });
      const status = response.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location) {
          throw final(options, `HTTP ${status} without a Location header from ${redactUrl(current)}`);
        }
        const next = new URL(location, current);
        if (next.origin !== origin) {
          throw final(
            options,
            `redirect from ${redactUrl(current)} to another origin (${next.origin}) refused`,
            "set the source URL to the final address if the move is genuine",
          );
        }
        if (hops >= this.#maxRedirects) throw final(options, `too many redirects from ${redactUrl(url)}`);
        current = next;
        continue;
      }
      if ((status >= 200 && status < 300) || status === 304) return { url: current.toString(), response };
      await response.body?.cancel();
      if (status === 429 || status >= 500) {
        const after = parseRetryAfter(response.headers.get("retry-after"));
        throw new Retryable(`HTTP ${status} from ${redactUrl(current)}`, after);
      }
      const keyHint = (status === 401 || status === 403) && options.keyEnv
        ? ` (check ${options.keyEnv})`
        : "";
      throw final(options, `HTTP ${status} from ${redactUrl(current)}${keyHint}`);
    }
  }
}

function compactBreaker(options: HttpClientOptions) {
  const out: { threshold?: number; cooldownMs?: number } = {};
  if (options.breakerThreshold !== undefined) out.threshold = options.breakerThreshold;
  if (options.breakerCooldownMs !== undefined) out.cooldownMs = options.breakerCooldownMs;
  return out;
}

function final(options: RequestOptions, what: string, hint?: string): StarmapError {
  return new StarmapError(
    "network",
    `cannot fetch source "${options.source}": ${what}`,
    hint ? { hint } : {},
  );
}

function tooLarge(source: string, url: string, cap: number): StarmapError {
  return new StarmapError(
    "network",
    `cannot fetch source "${source}": the body of ${redactUrl(url)} exceeds the size cap of ${cap} bytes`,
    { hint: "raise the cap if the upstream really serves that much, or check the URL" },
  );
}

function cancelled(source: string, reason: unknown): StarmapError {
  if (reason instanceof StarmapError) return reason;
  return new StarmapError("network", `cannot fetch source "${source}": cancelled`, { cause: reason });
}
