import assert from "node:assert/strict";
import {
  compare,
  decimalOf,
  fixed,
  parseDecimal,
  perTokenToPerMillion,
  plain,
  roundTo,
  shift,
  shiftDecimal,
  sum,
  times,
  upstreamPerMillion,
} from "./_decimal.ts";

Deno.test("decimalOf reads the decimal a number spells, not its binary value", () => {
  assert.deepEqual(decimalOf(0.1), { units: 1n, scale: 1 });
  assert.deepEqual(decimalOf(2.5), { units: 25n, scale: 1 });
  assert.deepEqual(decimalOf(1e-7), { units: 1n, scale: 7 });
  assert.deepEqual(decimalOf(1.5e-7), { units: 15n, scale: 8 });
  assert.deepEqual(decimalOf(10), { units: 10n, scale: 0 });
  assert.throws(() => decimalOf(Number.NaN), /Cannot use NaN/);
  assert.throws(() => parseDecimal("1,5"), /Cannot parse "1,5"/);
});

Deno.test("per-1M prices convert to per-token and per-1K text without float noise", () => {
  assert.equal(plain(shift(decimalOf(2.5), -6)), "0.0000025");
  assert.equal(plain(shift(decimalOf(0.15), -6)), "0.00000015");
  assert.equal(plain(shift(decimalOf(0.0375), -3)), "0.0000375");
  assert.equal(plain(shift(decimalOf(15), -3)), "0.015");
  assert.equal(plain(shift(decimalOf(1000), -3)), "1");
  // The float way shows the noise this module avoids.
  assert.notEqual(String(0.15 / 1e6), "0.00000015");
  assert.equal(Number(plain(shift(decimalOf(0.15), -6))), 1.5e-7);
});

Deno.test("roundTo rounds half up and fixed formats from integers", () => {
  assert.equal(roundTo({ units: 125n, scale: 7 }, 6), 13n);
  assert.equal(roundTo({ units: 124n, scale: 7 }, 6), 12n);
  assert.equal(roundTo({ units: 5n, scale: 1 }, 0), 1n);
  assert.equal(roundTo({ units: 4n, scale: 1 }, 0), 0n);
  assert.equal(roundTo({ units: 3n, scale: -2 }, 0), 300n);
  assert.equal(fixed(12500n, 6), "0.012500");
  assert.equal(fixed(0n, 6), "0.000000");
  assert.equal(fixed(123456789n, 6), "123.456789");
});

Deno.test("sum and times are exact where floats drift", () => {
  const total = sum([decimalOf(0.1), decimalOf(0.2)]);
  assert.equal(plain(total), "0.3");
  assert.notEqual(0.1 + 0.2, 0.3);
  assert.equal(plain(times(decimalOf(1.1), 3n)), "3.3");
  assert.equal(compare(decimalOf(0.3), total), 0);
  assert.equal(compare(decimalOf(0.29), total), -1);
});

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
  assert.equal(upstreamPerMillion("0.0000025"), 2.5);
  assert.equal(upstreamPerMillion("-1"), undefined, "an upstream's -1 means unknown, not a negative price");
  assert.equal(upstreamPerMillion(undefined), undefined);
  assert.equal(shiftDecimal("1.5", -2), 0.015);
  assert.equal(shiftDecimal("12", 3), 12000);
  assert.equal(shiftDecimal("+.5", 1), 5);
  assert.equal(shiftDecimal("5.", -1), 0.5);
  assert.equal(shiftDecimal(".", 1), undefined);
  assert.equal(shiftDecimal(Number.POSITIVE_INFINITY, 6), undefined);
});
