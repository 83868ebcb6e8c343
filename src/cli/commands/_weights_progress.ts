/**
 * Progress of `weights pull` on stderr. On a terminal: one line (phase, bar, bytes, speed, remaining time) that
 * fits the terminal's width, redrawn ten times a second, with notes printed above it. Elsewhere (CI, `docker
 * build`): a plain line every few seconds. Speed is a moving average over the last seconds of verified and
 * in-flight bytes; the remaining time is smoothed so it does not jump.
 *
 * @module
 */
import type { PullProgress } from "../../weights/mod.ts";

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
/** The window of the moving average of speed, in ms. */
const WINDOW_MS = 5000;

/** Formats bytes with binary units: `1.5 GiB`. */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Formats seconds as `mm:ss` (or `h:mm:ss`). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Speed and remaining time from a pull's snapshots: a moving average over a few seconds, a smoothed ETA. */
export class RateMeter {
  readonly #samples: Array<{ at: number; bytes: number }> = [];
  #eta: number | undefined;
  #phase = "";
  #shown = 0;

  /** Takes a snapshot at time `at` (ms). */
  add(p: PullProgress, at: number): void {
    if (p.phase !== this.#phase) {
      this.#phase = p.phase;
      this.#samples.length = 0;
      this.#eta = undefined;
      this.#shown = 0;
    }
    this.#shown = Math.max(this.#shown, Math.min(p.doneBytes, p.totalBytes));
    this.#samples.push({ at, bytes: this.#shown });
    while (this.#samples.length > 2 && at - this.#samples[0]!.at > WINDOW_MS) this.#samples.shift();
    const speed = this.speed;
    const raw = speed > 0 ? (p.totalBytes - this.#shown) / speed : undefined;
    if (raw !== undefined) this.#eta = this.#eta === undefined ? raw : 0.8 * this.#eta + 0.2 * raw;
  }

  /** Bytes done as shown (never going back within a phase). */
  get shown(): number {
    return this.#shown;
  }

  /** Bytes per second over the window. */
  get speed(): number {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last || last.at - first.at < 200) return 0;
    return (last.bytes - first.bytes) / ((last.at - first.at) / 1000);
  }

  /** Seconds left, smoothed; `undefined` before there is a speed. */
  get eta(): number | undefined {
    return this.#eta;
  }
}

/** One progress line that fits `width` columns: parts are dropped, then the bar narrowed, never wrapped. */
export function progressLine(p: PullProgress, meter: RateMeter, width: number): string {
  const ratio = p.totalBytes > 0 ? meter.shown / p.totalBytes : p.phase === "done" ? 1 : 0;
  const pct = `${(ratio * 100).toFixed(0).padStart(3)}%`;
  const bytes = `${formatBytes(meter.shown)}/${formatBytes(p.totalBytes)}`;
  const speed = `${formatBytes(Math.round(meter.speed))}/s`;
  const eta = `ETA ${formatDuration(meter.eta ?? Infinity)}`;
  const label = p.phase;
  const candidates = [
    [label, pct, bytes, speed, eta],
    [label, pct, bytes, eta],
    [label, pct, eta],
    [pct, eta],
    [pct],
  ];
  const room = Math.max(1, width - 1);
  for (const parts of candidates) {
    const text = parts.join("  ");
    const barWidth = Math.min(30, room - text.length - 3);
    if (barWidth >= 8) {
      const filled = Math.round(ratio * barWidth);
      return `${parts[0]} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${
        parts.slice(1).join("  ")
      }`
        .slice(0, room);
    }
    if (text.length <= room) return text;
  }
  return pct.slice(0, room);
}

/** A progress display. */
export interface ProgressBar {
  /** Takes a new snapshot. */
  update(progress: PullProgress): void;
  /** Prints a note (above the bar on a terminal). */
  note(text: string): void;
  /** Stops drawing, clears the line and shows the cursor again. Safe to call twice. */
  stop(): void;
}

/** A display that draws nothing but still prints notes (`--json`, `--quiet`). */
export function silentBar(write: (text: string) => void = () => {}): ProgressBar {
  return { update() {}, note: (t) => write(`${t}\n`), stop() {} };
}

/** Starts a bar on a terminal, drawn with `write` (stderr) to fit `width()` columns. */
export function startProgressBar(write: (text: string) => void, width: () => number): ProgressBar {
  const meter = new RateMeter();
  let latest: PullProgress | undefined;
  let stopped = false;
  write("\x1b[?25l");
  const draw = () => {
    if (!latest || stopped) return;
    meter.add(latest, Date.now());
    write(`\r\x1b[2K${progressLine(latest, meter, width())}`);
  };
  const timer = setInterval(draw, 100);
  return {
    update(progress) {
      latest = progress;
      if (progress.phase === "done") draw();
    },
    note(text) {
      write(`\r\x1b[2K${text}\n`);
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      write("\r\x1b[2K\x1b[?25h");
    },
  };
}

/** Starts plain progress for logs: one line every `intervalMs` while bytes move, and one when done. */
export function startPlainProgress(write: (text: string) => void, intervalMs: number): ProgressBar {
  let meter = new RateMeter();
  let latest: PullProgress | undefined;
  let printed = -1;
  let stopped = false;
  let started = Date.now();
  const line = (p: PullProgress) => {
    const pct = p.totalBytes > 0 ? ((meter.shown / p.totalBytes) * 100).toFixed(0) : "100";
    const head = `pull ${p.ref} ${p.version}: ${p.phase} ${pct}% ${formatBytes(meter.shown)} of ${
      formatBytes(p.totalBytes)
    }`;
    // The meter restarts with each phase, so the last line sums the whole pull up instead.
    if (p.phase === "done") {
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      return `${head} in ${formatDuration(seconds)}, ${formatBytes(Math.round(p.totalBytes / seconds))}/s\n`;
    }
    return `${head}, ${formatBytes(Math.round(meter.speed))}/s, ETA ${
      formatDuration(meter.eta ?? Infinity)
    }\n`;
  };
  const tick = () => {
    if (!latest || stopped || latest.phase !== "chunks" || meter.shown === printed) return;
    printed = meter.shown;
    write(line(latest));
  };
  const sampler = setInterval(() => latest && meter.add(latest, Date.now()), 250);
  const timer = setInterval(tick, intervalMs);
  return {
    update(progress) {
      // Another pull of the same run (`update --apply` of several models) is timed and measured on its own.
      if (latest && (latest.ref !== progress.ref || latest.version !== progress.version)) {
        meter = new RateMeter();
        started = Date.now();
        printed = -1;
      }
      latest = progress;
      if (progress.phase === "done" && !stopped && progress.totalBytes > 0) {
        meter.add(progress, Date.now());
        write(line(progress));
        printed = meter.shown;
      }
    },
    note: (text) => write(`${text}\n`),
    stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(sampler);
    },
  };
}
