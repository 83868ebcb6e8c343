import assert from "node:assert/strict";
import { anySignal, deadline, withDeadline } from "./_deadline.ts";

Deno.test("a deadline aborts with its own reason when time runs out", async () => {
  const d = deadline(5, { reason: () => new Error("too slow") });
  await assert.rejects(d.aborted, /too slow/);
  assert.equal(d.expired, true);
  assert.equal((d.signal.reason as Error).message, "too slow");
  d.clear();
});

Deno.test("an outer signal aborts the deadline with the outer reason, and clear releases it", async () => {
  const outer = new AbortController();
  const d = deadline(60_000, { signals: [undefined, outer.signal] });
  outer.abort("shutdown");
  await assert.rejects(d.aborted, (r) => r === "shutdown");
  assert.equal(d.expired, false);
  d.clear();
  const already = deadline(60_000, { signals: [AbortSignal.abort("before")] });
  assert.equal(already.signal.reason, "before");
  already.clear();
  const cleared = deadline(5);
  cleared.clear();
  await new Promise((r) => setTimeout(r, 15));
  assert.equal(cleared.signal.aborted, false, "a cleared deadline does not fire");
});

Deno.test("withDeadline settles at the deadline even when the work ignores its signal", async () => {
  const never = () => new Promise<string>(() => {});
  await assert.rejects(
    withDeadline(5, never, { reason: () => new Error("late") }),
    /late/,
  );
  assert.equal(await withDeadline(60_000, (signal) => (signal.aborted ? "no" : "yes")), "yes");
});

Deno.test("anySignal combines signals and an optional timeout", async () => {
  const a = new AbortController();
  const s = anySignal([a.signal, undefined]);
  assert.equal(s, a.signal);
  assert.equal(anySignal([]).aborted, false);
  const timed = anySignal([new AbortController().signal], 5);
  await new Promise((r) => timed.addEventListener("abort", r, { once: true }));
  assert.equal((timed.reason as DOMException).name, "TimeoutError");
});
