import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import { scheduleRuns } from "./_schedule.ts";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("refuses an interval that is not a positive number", () => {
  for (const ms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => scheduleRuns(ms, () => {}), (e) => e instanceof StarmapError && e.kind === "invalid");
  }
});

Deno.test("runs repeatedly, never two at once, timed from the end of the previous run", async () => {
  let inFlight = 0;
  let most = 0;
  const ends: number[] = [];
  const starts: number[] = [];
  const schedule = scheduleRuns(5, async () => {
    starts.push(performance.now());
    most = Math.max(most, ++inFlight);
    await wait(20);
    inFlight--;
    ends.push(performance.now());
  }, { immediate: true });
  while (ends.length < 3) await wait(5);
  schedule.stop();
  await schedule.idle();
  assert.equal(most, 1);
  for (let i = 1; i < 3; i++) {
    assert.ok(starts[i]! >= ends[i - 1]! + 4, `run ${i} starts after the previous end`);
  }
  const count = ends.length;
  await wait(30);
  assert.equal(ends.length, count, "no run after stop");
  assert.equal(schedule.active, false);
});

Deno.test("a failing run goes to onError and the schedule goes on", async () => {
  const errors: unknown[] = [];
  let runs = 0;
  const schedule = scheduleRuns(2, () => {
    runs++;
    throw new Error(`run ${runs}`);
  }, { onError: (e) => errors.push(e) });
  while (runs < 2) await wait(2);
  schedule.stop();
  await schedule.idle();
  assert.deepEqual(errors.slice(0, 2).map((e) => (e as Error).message), ["run 1", "run 2"]);
});

Deno.test("a trigger runs now, and triggers during a run make exactly one more", async () => {
  let runs = 0;
  let release!: () => void;
  const schedule = scheduleRuns(60_000, async () => {
    runs++;
    if (runs === 1) await new Promise<void>((r) => (release = r));
  });
  schedule.trigger();
  assert.equal(runs, 1);
  schedule.trigger();
  schedule.trigger();
  release();
  await wait(0);
  await schedule.idle();
  assert.equal(runs, 2);
  schedule.stop();
});
