import assert from "node:assert/strict";
import type { PullProgress } from "../../weights/mod.ts";
import { progressLine, RateMeter, startProgressBar } from "./_weights_progress.ts";

function snapshot(doneBytes: number, totalBytes = 1024 ** 3): PullProgress {
  return {
    ref: "acme/a-rather-long-model-name",
    version: "2024-11-20-instruct",
    phase: "chunks",
    totalBytes,
    doneBytes,
    inFlightBytes: 0,
    networkBytes: doneBytes,
    chunks: 64,
    chunksDone: 0,
    cachedChunks: 0,
  };
}

Deno.test("the progress line fits the terminal at any width, down to a few columns", () => {
  const meter = new RateMeter();
  for (let t = 0; t <= 3000; t += 100) meter.add(snapshot(t * 100_000), t);
  for (const width of [200, 80, 60, 40, 24, 12, 5]) {
    const line = progressLine(snapshot(300_000_000), meter, width);
    assert.ok(line.length < width, `${line.length} columns at width ${width}: ${JSON.stringify(line)}`);
    assert.match(line, /%/);
  }
  assert.match(progressLine(snapshot(300_000_000), meter, 80), /chunks \[#+-+\]\s+\d+%.*MiB\/s.*ETA/);
});

Deno.test("speed is a moving average and the ETA does not jump with a burst", () => {
  const meter = new RateMeter();
  let done = 0;
  for (let t = 0; t <= 10_000; t += 100) {
    done += 10_000_000 / 10; // 10 MB/s
    meter.add(snapshot(done), t);
  }
  const steady = meter.eta!;
  assert.ok(Math.abs(meter.speed - 10_000_000) < 500_000, `speed ${meter.speed}`);
  meter.add(snapshot(done + 50_000_000), 10_100); // a burst of in-flight bytes
  assert.ok(Math.abs(meter.eta! - steady) / steady < 0.3, `ETA moved from ${steady} to ${meter.eta}`);
  meter.add(snapshot(done - 5_000_000), 10_200); // a chunk restarted: the count shown never goes back
  assert.equal(meter.shown, done + 50_000_000);
});

Deno.test("notes print above the bar, which is drawn again below them; stop restores the cursor", async () => {
  const out: string[] = [];
  const bar = startProgressBar((t) => out.push(t), () => 60);
  bar.update(snapshot(1000));
  await new Promise((r) => setTimeout(r, 150));
  bar.note("note: retrying chunk 3fa1");
  bar.stop();
  const text = out.join("");
  const note = text.indexOf("note: retrying chunk 3fa1\n");
  assert.ok(note > 0, text);
  assert.ok(text.lastIndexOf("chunks [") > note, "the bar is redrawn after the note");
  assert.ok(text.endsWith("\x1b[?25h"));
  const escapes = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[a-zA-Z]`, "g");
  for (const line of text.split(/[\r\n]/)) assert.ok(line.replace(escapes, "").length < 60);
});
