/**
 * What `starmap update` shows of its sources while they fetch: on a terminal, a line per source as it finishes and
 * a redrawn status line naming those still fetching; elsewhere nothing live (the per-source lines come after).
 *
 * @module
 */
import type { SourceProgress } from "../../sync/mod.ts";

/** A live view of the sources' progress, written to stderr through `write`. */
export class UpdateProgress {
  readonly #write: (text: string) => void;
  readonly #pending = new Set<string>();
  #status = false;

  /** Makes the view. */
  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  /** Takes one progress event. */
  event(e: SourceProgress): void {
    if (e.state === "fetching") this.#pending.add(e.id);
    else {
      this.#pending.delete(e.id);
      this.#clear();
      this.#write(
        e.state === "done"
          ? `source ${e.id}: ${e.models} models (${(e.ms / 1000).toFixed(1)} s)\n`
          : `source ${e.id}: FAILED after ${(e.ms / 1000).toFixed(1)} s: ${e.error}\n`,
      );
    }
    this.#clear();
    if (this.#pending.size) {
      this.#write(`fetching ${[...this.#pending].join(", ")}…`);
      this.#status = true;
    }
  }

  /** Removes the status line. */
  done(): void {
    this.#clear();
  }

  #clear(): void {
    if (this.#status) this.#write("\r\x1b[K");
    this.#status = false;
  }
}
