import assert from "node:assert/strict";
import { perTokenToPerMillion, shiftDecimal } from "./decimal.ts";

Deno.test("per-token prices become per-1M prices without float drift", () => {
  assert.equal(8e-7 * 1e6, 0.7999999999999999, "the float product drifts, which is why this module exists");
  assert.equal(perTokenToPerMillion(8e-7), 0.8);
  assert.equal(perTokenToPerMillion(1e-7), 0.1);
  assert.equal(perTokenToPerMillion(2.5e-6), 2.5);
  assert.equal(perTokenToPerMillion("0.0000025"), 2.5);
  assert.equal(perTokenToPerMillion("0.00003"), 30);
  assert.equal(perTokenToPerMillion("0.0000375"), 37.5);
  assert.equal(perTokenToPerMillion(1.7e-5), 17);
  assert.equal(perTokenToPerMillion("0"), 0);
  assert.equal(perTokenToPerMillion("-1"), -1000000);
  assert.equal(perTokenToPerMillion("abc"), undefined);
  assert.equal(perTokenToPerMillion(undefined), undefined);
  assert.equal(shiftDecimal("1.5", -2), 0.015);
  assert.equal(shiftDecimal("12", 3), 12000);
});
