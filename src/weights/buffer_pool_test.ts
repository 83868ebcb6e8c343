import assert from "node:assert/strict";
import { BufferPool } from "./_buffer_pool.ts";

const KiB = 1024;
const sizes = { largest: 512 * KiB, smallest: 64 * KiB };

Deno.test("a pool bounded in bytes gives more takers smaller buffers, not more memory", () => {
  assert.equal(BufferPool.within(4096 * KiB, 8, sizes).size, 512 * KiB);
  assert.equal(BufferPool.within(4096 * KiB, 32, sizes).size, 128 * KiB);
  assert.equal(BufferPool.within(4096 * KiB, 24, sizes).size, 128 * KiB);
  assert.equal(BufferPool.within(4096 * KiB, 2, sizes).size, 512 * KiB);
  assert.equal(BufferPool.within(4096 * KiB, 1000, sizes).size, 64 * KiB);
});

Deno.test("a taker waits while every buffer is out, and gets the one given back", async () => {
  const pool = BufferPool.within(256 * KiB, 2, { largest: 512 * KiB, smallest: 64 * KiB });
  const a = await pool.take();
  const b = await pool.take();
  assert.equal(a.length, 128 * KiB);
  let third: Uint8Array | undefined;
  const waiting = pool.take().then((buffer) => (third = buffer));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(third, undefined);
  pool.give(b);
  await waiting;
  assert.equal(third!.buffer, b.buffer);
  pool.give(a);
});
