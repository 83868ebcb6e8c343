/**
 * The progress bar of `weights pull` on stderr: phase, bar, bytes, speed (moving average of network bytes, so
 * cache hits do not inflate it), elapsed and remaining time. It never moves backwards within a phase, redraws at
 * most ten times a second and restores the cursor when stopped.
 *
 * @module
 */
import type { PullProgress } from "../../weights/progress.ts";

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

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

/** A progress bar writing to a terminal. */
export interface ProgressBar {
  /** Takes a new snapshot (drawn on the next tick). */
  update(progress: PullProgress): void;
  /** Stops drawing, clears the line and shows the cursor again. Safe to call twice. */
  stop(): void;
}

/** A bar that draws nothing (no TTY, `--json`, `--quiet`). */
export const silentBar: ProgressBar = { update() {}, stop() {} };

/** Starts a bar drawn with `write` (stderr), `width` columns wide. */
export function startProgressBar(write: (text: string) => void, width = 80): ProgressBar {
  const started = Date.now();
  let latest: PullProgress | undefined;
  let phase = "";
  let shownDone = 0;
  let lastBytes = 0;
  let lastAt = Date.now();
  let speed = 0;
  let stopped = false;
  write("\x1b[?25l");
  const draw = () => {
    if (!latest) return;
    const p = latest;
    if (p.phase !== phase) {
      phase = p.phase;
      shownDone = 0;
      lastBytes = p.phase === "chunks" ? p.networkBytes : p.doneBytes;
      speed = 0;
    }
    shownDone = Math.max(shownDone, Math.min(p.doneBytes, p.totalBytes));
    const now = Date.now();
    const bytes = p.phase === "chunks" ? p.networkBytes : p.doneBytes;
    const dt = (now - lastAt) / 1000;
    if (dt > 0) {
      const instant = Math.max(0, bytes - lastBytes) / dt;
      speed = speed === 0 ? instant : 0.3 * instant + 0.7 * speed;
    }
    lastBytes = bytes;
    lastAt = now;
    const ratio = p.totalBytes > 0 ? shownDone / p.totalBytes : p.phase === "done" ? 1 : 0;
    const left = p.totalBytes - shownDone;
    const tail =
      ` ${(ratio * 100).toFixed(0).padStart(3)}%  ${formatBytes(shownDone)} / ${formatBytes(p.totalBytes)}` +
      `  ${formatBytes(Math.round(speed))}/s  ${formatDuration((now - started) / 1000)} < ${
        formatDuration(speed > 0 ? left / speed : Infinity)
      }`;
    const label = p.phase.padEnd(10);
    const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 3));
    const filled = Math.round(ratio * barWidth);
    write(`\r\x1b[2K${label} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]${tail}`);
  };
  const timer = setInterval(draw, 100);
  return {
    update(progress) {
      latest = progress;
      if (progress.phase === "done") draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      write("\r\x1b[2K\x1b[?25h");
    },
  };
}
