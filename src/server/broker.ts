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
}

/** One subscriber's view of the event stream: a bounded queue read with {@link Subscription.next}. */
export class Subscription {
  #queue: BrokerEvent[] = [];
  #waiter: ((event: BrokerEvent | undefined) => void) | undefined;
  #closeReason: CloseReason | undefined;
  readonly #max: number;
  readonly #onClose: (sub: Subscription) => void;

  /** Made by {@link Broker.subscribe}. */
  constructor(max: number, onClose: (sub: Subscription) => void) {
    this.#max = max;
    this.#onClose = onClose;
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
  readonly #maxQueue: number;
  readonly #heartbeatMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #nextId = 1;
  #closed = false;
  /** Data for heartbeats (the current version), set by the server. */
  heartbeatData: () => unknown = () => ({ time: new Date().toISOString() });

  /** Makes a broker. */
  constructor(options: BrokerOptions = {}) {
    this.#maxQueue = options.maxQueue ?? 1000;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
  }

  /** How many subscribers are registered. */
  size(): number {
    return this.#subs.size;
  }

  /** Whether an active heartbeat timer exists (for leak checks). */
  hasTimer(): boolean {
    return this.#timer !== undefined;
  }

  /** Registers a subscriber; it receives every event published from now on. */
  subscribe(): Subscription {
    const sub = new Subscription(this.#maxQueue, (s) => this.#remove(s));
    if (this.#closed) {
      sub.close("shutdown");
      return sub;
    }
    this.#subs.add(sub);
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
    this.#subs.delete(sub);
    if (this.#subs.size === 0) this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
