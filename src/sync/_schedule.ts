/**
 * The one scheduler of repeated updates: the library client's auto-update, the server's auto-update and a
 * following server's polls all run through it.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";

/** Options of {@link scheduleRuns}. */
export interface ScheduleOptions {
  /** Start the first run right away instead of one interval from now. @default false */
  immediate?: boolean | undefined;
  /** Called with what a run throws; the schedule goes on. @default errors are dropped */
  onError?: ((error: unknown) => void) | undefined;
}

/** A running schedule. */
export interface Schedule {
  /** Whether it still schedules runs. */
  readonly active: boolean;
  /**
   * Runs now, or right after the run in progress; triggers during one run make one more run. The next timed run
   * is then one interval after it.
   */
  trigger(): void;
  /** Stops scheduling; a run in progress finishes (see {@link Schedule.idle}). */
  stop(): void;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` milliseconds, one run at a time: each run is timed from the end of the previous
 * one, so runs never overlap however long one takes. `run` decides whether there is anything to do.
 *
 * @throws {StarmapError} `invalid` when `intervalMs` is not a positive number.
 *
 * @example
 * ```ts
 * const schedule = scheduleRuns(15 * 60_000, () => starmap.update().then(() => {}), { onError: console.error });
 * schedule.stop();
 * ```
 */
export function scheduleRuns(
  intervalMs: number,
  run: () => Promise<void> | void,
  options: ScheduleOptions = {},
): Schedule {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new StarmapError("invalid", `cannot schedule updates: interval ${intervalMs} ms is not positive`, {
      hint: "the interval is a positive number of milliseconds",
    });
  }
  let active = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const next = () => {
    clearTimeout(timer);
    timer = active ? setTimeout(start, intervalMs) : undefined;
  };
  function start(): void {
    if (!active) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      try {
        await run();
      } catch (error) {
        options.onError?.(error);
      }
    })().finally(() => {
      running = undefined;
      if (again && active) {
        again = false;
        start();
      } else next();
    });
  }
  if (options.immediate) start();
  else next();
  return {
    get active() {
      return active;
    },
    trigger: start,
    stop() {
      active = false;
      again = false;
      clearTimeout(timer);
    },
    async idle() {
      while (running) await running;
    },
  };
}
