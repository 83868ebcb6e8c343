/**
 * Facts about processes: this one's id and host, and whether another process is still alive.
 *
 * @module
 */
import { hostname } from "node:os";
import process from "node:process";

/** The id of this process. */
export function processId(): number {
  return process.pid;
}

/** The host name, used to tell whether a lock owner's pid can be checked from here. */
export function hostName(): string {
  try {
    return hostname();
  } catch {
    return "unknown";
  }
}

/** Tells whether a process with this id exists on this host (a process we may not signal still counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
