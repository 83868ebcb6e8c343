/**
 * The event broker: subscribers with bounded queues, one shared heartbeat timer, and immediate clean-up of
 * subscribers that close.
 *
 * @module
 */

/** A published event; its JSON text is made once and shared by every subscriber. */
export interface BrokerEvent {
  /** Monotonic id (the SSE `id:` field). */
  readonly id: number;
  /** The event name, e.g. `model.added`. */
  readonly type: string;
  /** The JSON text of the event's data. */
  readonly json: string;
}

/** Why a subscription ended. */
export type CloseReason = "client" | "slow" | "shutdown";

/** Options of a {@link Broker}. */
export interface BrokerOptions {
  /** Events a subscriber may have waiting before it is dropped as slow. @default 1000 */
  maxQueue?: number;
  /** Milliseconds between heartbeats while anyone is subscribed (0 turns them off). @default 15000 */
  heartbeatMs?: number;
  /** Events kept for clients that resume with `Last-Event-ID`. @default 1000 */
  history?: number;
  /** Open subscriptions allowed in total. @default 1000 */
  maxSubscribers?: number;
  /** Open subscriptions allowed per client address. @default 8 */
  maxPerClient?: number;
  /**
   * The id of the first event. @default a random multiple of 1000 below 2^36 × 1000, so that replicas behind one
   * load balancer issue ids far apart and an id one replica issued is unknown to another (its client refetches
   * instead of being replayed another replica's events)
   */
  firstId?: number;
}

/** Why {@link Broker.subscribe} refused: the client has too many streams open, or the server has. */
export class StreamLimitError extends Error {
  /** Which limit was reached. */
  readonly scope: "client" | "total";
  /** The limit. */
  readonly limit: number;

  /** Makes the error. */
  constructor(scope: "client" | "total", limit: number) {
    super(
      scope === "client" ? `at most ${limit} event streams per client` : `at most ${limit} event streams`,
    );
    this.name = "StreamLimitError";
    this.scope = scope;
    this.limit = limit;
  }
}

/** Which events a resuming client missed: the events to replay, or `refetch` when they are no longer held. */
export type Resume = { replay: BrokerEvent[] } | { refetch: true };

/** Events that are not kept for replay: they describe the moment, not a change. */
const TRANSIENT = new Set(["heartbeat", "ready", "refetch"]);

/** One subscriber's view of the event stream: a bounded queue read with {@link Subscription.next}. */
export class Subscription {
  #queue: BrokerEvent[] = [];
  #waiter: ((event: BrokerEvent | undefined) => void) | undefined;
  #closeReason: CloseReason | undefined;
  readonly #max: number;
  readonly #onClose: (sub: Subscription) => void;

  /** The client address it was opened for. */
  readonly client: string | undefined;

  /** Made by {@link Broker.subscribe}. */
  constructor(max: number, onClose: (sub: Subscription) => void, client?: string) {
    this.#max = max;
    this.#onClose = onClose;
    this.client = client;
  }

  /** Why the subscription ended, or `undefined` while it is open. */
  get closeReason(): CloseReason | undefined {
    return this.#closeReason;
  }

  /** Queues an event; a subscriber whose queue is full is dropped. */
  push(event: BrokerEvent): void {
    if (this.#closeReason) return;
    if (this.#waiter) {
      const wake = this.#waiter;
      this.#waiter = undefined;
      wake(event);
    } else if (this.#queue.length >= this.#max) this.close("slow");
    else this.#queue.push(event);
  }

  /** The next event, waiting for one; `undefined` once the subscription is closed. */
  next(): Promise<BrokerEvent | undefined> {
    if (this.#closeReason) return Promise.resolve(undefined);
    const event = this.#queue.shift();
    if (event) return Promise.resolve(event);
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  /** Ends the subscription and removes it from the broker at once. */
  close(reason: CloseReason = "client"): void {
    if (this.#closeReason) return;
    this.#closeReason = reason;
    this.#queue = [];
    const wake = this.#waiter;
    this.#waiter = undefined;
    wake?.(undefined);
    this.#onClose(this);
  }
}

/**
 * Fans events out to subscribers. A heartbeat timer runs only while someone is subscribed.
 *
 * @example
 * ```ts
 * const broker = new Broker();
 * const sub = broker.subscribe();
 * broker.publish("model.added", { key: "openai/gpt-5" });
 * (await sub.next())?.type; // "model.added"
 * sub.close();
 * ```
 */
export class Broker {
  readonly #subs = new Set<Subscription>();
  readonly #perClient = new Map<string, number>();
  readonly #history: BrokerEvent[] = [];
  readonly #maxHistory: number;
  readonly #maxSubscribers: number;
  readonly #maxPerClient: number;
  readonly #maxQueue: number;
  readonly #heartbeatMs: number;
  /** The id of the newest event dropped from the history (`firstId - 1` while none was). */
  #evicted: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #nextId: number;
  #closed = false;
  /** Data for heartbeats (the current version), set by the server. */
  heartbeatData: () => unknown = () => ({ time: new Date().toISOString() });

  /** Makes a broker. */
  constructor(options: BrokerOptions = {}) {
    this.#maxQueue = options.maxQueue ?? 1000;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#maxHistory = options.history ?? 1000;
    this.#maxSubscribers = options.maxSubscribers ?? 1000;
    this.#maxPerClient = options.maxPerClient ?? 8;
    this.#nextId = options.firstId ?? Math.floor(Math.random() * 2 ** 36) * 1000 + 1;
    this.#evicted = this.#nextId - 1;
  }

  /** Whether a client may open one more stream now. @throws {StreamLimitError} when it may not. */
  admit(client?: string): void {
    if (this.#subs.size >= this.#maxSubscribers) throw new StreamLimitError("total", this.#maxSubscribers);
    if (client !== undefined && (this.#perClient.get(client) ?? 0) >= this.#maxPerClient) {
      throw new StreamLimitError("client", this.#maxPerClient);
    }
  }

  /**
   * The events after `lastId` for a client that resumes, or `refetch` when some of them are no longer held (or
   * the id was never issued by this broker).
   */
  since(lastId: number): Resume {
    if (!Number.isSafeInteger(lastId) || lastId < this.#evicted || lastId >= this.#nextId) {
      return { refetch: true };
    }
    return { replay: this.#history.filter((e) => e.id > lastId) };
  }

  /**
   * What a client resuming after the event id `last` (as the client sent it: `Last-Event-ID` or `/ws?since=`)
   * gets before new events: the events it missed, or one `refetch` event when they are no longer held or the id
   * is not one this broker issued. Call it right after subscribing, so nothing falls between the two.
   */
  resume(last: string): BrokerEvent[] {
    const resume = /^\d{1,15}$/.test(last.trim()) ? this.since(Number(last)) : { refetch: true as const };
    if ("replay" in resume) return resume.replay;
    return [this.event("refetch", { ...(this.heartbeatData() as object), lastEventId: last.slice(0, 32) })];
  }

  /** How many subscribers are registered. */
  size(): number {
    return this.#subs.size;
  }

  /** Whether an active heartbeat timer exists (for leak checks). */
  hasTimer(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * Registers a subscriber; it receives every event published from now on.
   *
   * @throws {StreamLimitError} when the client, or the server, has as many streams open as allowed.
   */
  subscribe(client?: string): Subscription {
    const sub = new Subscription(this.#maxQueue, (s) => this.#remove(s), client);
    if (this.#closed) {
      sub.close("shutdown");
      return sub;
    }
    this.admit(client);
    this.#subs.add(sub);
    if (client !== undefined) this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
    if (!this.#timer && this.#heartbeatMs > 0) {
      this.#timer = setInterval(() => this.publish("heartbeat", this.heartbeatData()), this.#heartbeatMs);
    }
    return sub;
  }

  /** Makes an event (not published) with the next id. */
  event(type: string, data: unknown): BrokerEvent {
    return { id: this.#nextId++, type, json: JSON.stringify(data) };
  }

  /** Sends an event to every subscriber. */
  publish(type: string, data: unknown): BrokerEvent {
    const event = this.event(type, data);
    if (!TRANSIENT.has(type)) {
      this.#history.push(event);
      if (this.#history.length > this.#maxHistory) this.#evicted = this.#history.shift()!.id;
    }
    for (const sub of [...this.#subs]) sub.push(event);
    return event;
  }

  /** Closes every subscription and refuses new ones (shutdown). */
  close(): void {
    this.#closed = true;
    for (const sub of [...this.#subs]) sub.close("shutdown");
    this.#stopTimer();
  }

  #remove(sub: Subscription): void {
    if (!this.#subs.delete(sub)) return;
    if (sub.client !== undefined) {
      const n = (this.#perClient.get(sub.client) ?? 1) - 1;
      if (n > 0) this.#perClient.set(sub.client, n);
      else this.#perClient.delete(sub.client);
    }
    if (this.#subs.size === 0) this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
