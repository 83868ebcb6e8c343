import assert from "node:assert/strict";
import { retryAfterMs } from "./http.ts";

Deno.test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs("soon"), undefined);
  const now = Date.parse("2025-01-01T00:00:00Z");
  assert.equal(retryAfterMs("Wed, 01 Jan 2025 00:00:05 GMT", now), 5000);
  assert.equal(retryAfterMs("Tue, 31 Dec 2024 00:00:00 GMT", now), 0);
});
