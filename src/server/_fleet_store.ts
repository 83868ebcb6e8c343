/**
 * The fleet's Redis store: immutable generation keys, the `current` pointer moved together with its
 * notification by one script that also checks the lease (a replica that lost the lease cannot publish) and
 * allocates the generation's sequence, a compare-and-set seed that only ever moves the pointer forward, the
 * lease itself, and the shared rate-limit buckets. Commands fail fast while Redis is away (no offline queue),
 * so replicas keep serving and report degraded instead of waiting.
 *
 * @module
 */
import { withDeadline } from "../http/mod.ts";
import { type Generation, type GenerationManifest, readManifest } from "./_generation.ts";

/**
 * The part of a node-redis connection the store uses. Declared here (and the package loaded when a fleet
 * starts) so that the library's types do not pull in node-redis's, which need Node's type package.
 */
interface RedisClient {
  on(event: string, fn: (...args: unknown[]) => void): unknown;
  connect(): Promise<unknown>;
  duplicate(): RedisClient;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { NX?: true; PX?: number }): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  subscribe(channel: string, fn: (message: string) => void): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): void;
}

/** Options of {@link connectStore}. */
export interface StoreOptions {
  /** `redis://[:password@]host:port/db` or `rediss://` for TLS. */
  url: string;
  /** Prefix of every key and channel. @default "starmap" */
  prefix?: string | undefined;
  /** Called when the connection goes down or comes back. */
  onState?: ((up: boolean) => void) | undefined;
}

/**
 * Lua helpers: the sequence and checksum of the manifest a pointer holds (-1 when there is no pointer, 0 when
 * it has no sequence or is not JSON), and raising the counter to a sequence.
 */
const SEQUENCE_OF = `
local function sequence_of(text)
  if not text then return -1, '' end
  local ok, m = pcall(cjson.decode, text)
  if not ok or type(m) ~= 'table' then return 0, '' end
  return tonumber(m.sequence) or 0, type(m.checksum) == 'string' and m.checksum or ''
end
local function raise(key, n)
  if (tonumber(redis.call('GET', key)) or 0) < n then redis.call('SET', key, n) end
end`;

// KEYS: current, lease, bytes, last-run, channel, counter. ARGV: the manifest JSON without its sequence,
// holder, now, the sequence the publisher serves. The new sequence is one more than the highest of the
// counter, the pointer's and the publisher's own (Redis may have come back empty before anyone re-seeded).
const PUBLISH = `${SEQUENCE_OF}
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
if redis.call('EXISTS', KEYS[3]) == 0 then return -1 end
local pointed = sequence_of(redis.call('GET', KEYS[1]))
local n = math.max(tonumber(redis.call('GET', KEYS[6])) or 0, pointed, tonumber(ARGV[4])) + 1
local text = string.sub(ARGV[1], 1, -2) .. ',"sequence":' .. string.format('%d', n) .. '}'
redis.call('SET', KEYS[6], n)
redis.call('SET', KEYS[1], text)
redis.call('SET', KEYS[4], ARGV[3])
redis.call('PUBLISH', KEYS[5], text)
return text`;

// KEYS: current, bytes, channel, counter. ARGV: the manifest JSON, its sequence, its checksum. The pointer moves
// only up the order of `supersedes` (a higher sequence; at an equal one above 0, the higher checksum); the
// counter never stays below a sequence a replica holds. Returns the pointer's text afterwards.
const SEED = `${SEQUENCE_OF}
local mine = tonumber(ARGV[2])
raise(KEYS[4], mine)
local current = redis.call('GET', KEYS[1])
local n, checksum = sequence_of(current)
local higher = n < mine or (n == mine and mine > 0 and ARGV[3] > checksum)
if current and not higher then return current end
if redis.call('EXISTS', KEYS[2]) == 0 then return false end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[1])
return ARGV[1]`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate)
local ok = 0
if tokens >= 1 then tokens = tokens - 1 ok = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {ok, tostring(tokens)}`;

/** The fleet's view of Redis. */
export class FleetStore {
  readonly #client: RedisClient;
  readonly #sub: RedisClient;
  readonly #p: string;

  private constructor(client: RedisClient, sub: RedisClient, prefix: string) {
    this.#client = client;
    this.#sub = sub;
    this.#p = prefix;
  }

  /** Connects (the subscriber too); reconnects by itself after a loss. @throws when the first connect fails. */
  static async connect(options: StoreOptions): Promise<FleetStore> {
    const { createClient } = await import("redis");
    const client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (n: number) => Math.min(100 * (n + 1), 1000) },
    });
    // The last refusal (WRONGPASS, NOAUTH…) names why a first connect never settles; it carries no password.
    let refusal = "";
    client.on("error", (error: unknown) => {
      refusal = error instanceof Error ? error.message : String(error);
      options.onState?.(false);
    });
    client.on("ready", () => options.onState?.(true));
    client.on("end", () => options.onState?.(false));
    const sub = client.duplicate();
    sub.on("error", () => {});
    // A refused password makes node-redis retry forever without settling `connect`: give up after a while.
    try {
      await withDeadline(3000, () => Promise.all([client.connect(), sub.connect()]), {
        reason: () =>
          new Error(`Redis did not accept the connection in time${refusal ? `: ${refusal}` : ""}`),
      });
    } catch (error) {
      client.destroy();
      sub.destroy();
      throw error;
    }
    return new FleetStore(
      client as unknown as RedisClient,
      sub as unknown as RedisClient,
      options.prefix ?? "starmap",
    );
  }

  #key(name: string): string {
    return `${this.#p}:${name}`;
  }

  /** The manifest the `current` pointer names, or undefined when none was published. */
  async current(): Promise<GenerationManifest | undefined> {
    const text = await this.#client.get(this.#key("current"));
    return text ? readManifest(JSON.parse(text)) : undefined;
  }

  /**
   * The key of a generation's bytes: its id and checksum, since one catalog version can come back with another
   * changeset (an update that returns to an earlier catalog), which is other bytes.
   */
  #bodyKey(manifest: GenerationManifest): string {
    return this.#key(`gen:${manifest.id}:${manifest.checksum}`);
  }

  /** The bytes of a generation (as text), or undefined when absent. */
  async body(manifest: GenerationManifest): Promise<string | undefined> {
    return (await this.#client.get(this.#bodyKey(manifest))) ?? undefined;
  }

  /** Writes a generation's immutable keys (nothing is overwritten). */
  async write(generation: Generation): Promise<void> {
    const text = new TextDecoder().decode(generation.body);
    await this.#client.set(this.#bodyKey(generation.manifest), text, { NX: true });
  }

  /**
   * Moves `current` to a written generation under the next sequence (above the counter, the pointer and
   * `after`) and notifies every replica, in one script that first checks the lease is still `holder`'s.
   * Returns the manifest published (with its sequence), `lease-lost`, or `missing` (the bytes are not there).
   */
  async publish(
    generation: Generation,
    holder: string,
    after: number,
  ): Promise<GenerationManifest | "lease-lost" | "missing"> {
    const { sequence: _, ...unsequenced } = generation.manifest;
    const result = await this.#client.eval(PUBLISH, {
      keys: [
        this.#key("current"),
        this.#key("lease"),
        this.#bodyKey(generation.manifest),
        this.#key("last-run"),
        this.#key("generations"),
        this.#key("sequence"),
      ],
      arguments: [JSON.stringify(unsequenced), holder, String(Date.now()), String(after)],
    });
    if (typeof result === "string") return readManifest(JSON.parse(result));
    return result === 0 ? "lease-lost" : "missing";
  }

  /**
   * Writes a generation a replica holds and points `current` at it unless the pointer names one that
   * supersedes it (the fleet's first generation, or after Redis came back empty or behind); notifies the fleet
   * when it moved. Returns the manifest the pointer names afterwards (undefined if Redis lost the bytes
   * meanwhile).
   */
  async seed(generation: Generation): Promise<GenerationManifest | undefined> {
    await this.write(generation);
    const { manifest } = generation;
    const result = await this.#client.eval(SEED, {
      keys: [
        this.#key("current"),
        this.#bodyKey(manifest),
        this.#key("generations"),
        this.#key("sequence"),
      ],
      arguments: [JSON.stringify(manifest), String(manifest.sequence), manifest.checksum],
    });
    return typeof result === "string" ? readManifest(JSON.parse(result)) : undefined;
  }

  /** When the last update was published (ms since the epoch), or 0. */
  async lastRun(): Promise<number> {
    return Number(await this.#client.get(this.#key("last-run")) ?? 0);
  }

  /** Records an update run that published nothing (no changes), so the interval still counts from it. */
  async ranAt(ms: number): Promise<void> {
    await this.#client.set(this.#key("last-run"), String(ms));
  }

  /** Takes the lease when free, or renews it when `holder` has it. Returns the holder now. */
  async lease(holder: string, ms: number, held: boolean): Promise<string | null> {
    if (held) {
      const renewed = await this.#client.eval(RENEW, {
        keys: [this.#key("lease")],
        arguments: [holder, String(ms)],
      });
      if (renewed === 1) return holder;
    } else {
      const took = await this.#client.set(this.#key("lease"), holder, { NX: true, PX: ms });
      if (took === "OK") return holder;
    }
    return (await this.#client.get(this.#key("lease"))) ?? null;
  }

  /** Gives the lease up (shutdown), when `holder` has it. */
  async release(holder: string): Promise<void> {
    await this.#client.eval(
      `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
      { keys: [this.#key("lease")], arguments: [holder] },
    );
  }

  /** Takes one token of a client's shared bucket; returns whether it was there and the tokens left. */
  async take(client: string, perMs: number, burst: number): Promise<{ ok: boolean; tokens: number }> {
    const [ok, tokens] = await this.#client.eval(TAKE, {
      keys: [this.#key(`rl:${client}`)],
      arguments: [String(perMs), String(burst)],
    }) as [number, string];
    return { ok: ok === 1, tokens: Number(tokens) };
  }

  /** Calls `fn` with each published manifest text. */
  async onPublish(fn: (manifest: string) => void): Promise<void> {
    await this.#sub.subscribe(this.#key("generations"), fn);
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#sub.close(), this.#client.close()]);
  }
}
