/**
 * Facts about processes: this one's id and host, and whether another process is still alive.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import process from "node:process";
import { hasPermission, osName } from "./_runtime.ts";

/** The id of this process. */
export function processId(): number {
  return process.pid;
}

/** The host name, used to tell whether a lock owner's pid can be checked from here. */
export function hostName(): string {
  if (!hasPermission("sys")) return "unknown";
  try {
    return hostname();
  } catch {
    return "unknown";
  }
}

/**
 * Tells whether a process with this id exists on this host (a process we may not signal still counts). Without
 * Deno's run permission it looks in `/proc` on Linux, and elsewhere assumes the process is alive, so a lock is
 * never taken from a live owner.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (!hasPermission("run")) {
    if (osName() === "linux" && hasPermission("read", "/proc")) return existsSync(`/proc/${pid}`);
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

const started = new Date(performance.timeOrigin).toISOString();

/** When this process started (ISO 8601), recorded in lock files to tell a reused pid from the owner. */
export function processStart(): string {
  return started;
}
