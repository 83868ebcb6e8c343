/**
 * A bounded wait for the tests: polls a condition (sync or async) until it holds.
 *
 * @module
 */
import assert from "node:assert/strict";

/** Waits until `condition` holds, at most `ms`; fails naming `what`. Returns how long it took. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  pollMs = 20,
): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    if (await condition()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  assert.fail(`${what} (not within ${ms} ms)`);
}
