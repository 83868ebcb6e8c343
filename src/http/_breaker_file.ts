/**
 * The breaker's memory on disk, for the CLI: each run loads it before fetching and saves it after, so a source
 * that kept failing stays open across runs and `auth status` can tell when each source last worked.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { atomicWrite } from "../fs/mod.ts";
import type { CircuitBreaker } from "./_breaker.ts";

const time = z.number().nonnegative().optional();
const SavedStates = z.record(
  z.string(),
  z.object({
    failures: z.number().int().nonnegative(),
    openUntil: z.number().nonnegative(),
    lastSuccess: time,
    lastFailure: time,
    lastError: z.string().optional(),
  }),
);

/** The file name of the breaker's memory in the state directory. */
export const BREAKER_FILE = "sources.json";

/**
 * Loads saved states into the breaker. A missing, unreadable or damaged file loads nothing: the memory is an aid,
 * never a reason to fail a run.
 */
export async function loadBreaker(path: string, breaker: CircuitBreaker): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return;
  }
  try {
    const parsed = SavedStates.safeParse(JSON.parse(text));
    if (parsed.success) breaker.restore(parsed.data);
  } catch {
    // A torn or hand-edited file is replaced at the next save.
  }
}

/** Saves the breaker's states (atomically: a reader sees the old file or the new one). */
export async function saveBreaker(path: string, breaker: CircuitBreaker): Promise<void> {
  await atomicWrite(path, `${JSON.stringify(breaker.snapshot(), null, 2)}\n`);
}
