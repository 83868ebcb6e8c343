import assert from "node:assert/strict";
import { PriceExportFormat } from "../../pricing/export/mod.ts";
import { MAX_TOKENS as PRICING_MAX_TOKENS } from "../../pricing/schema.ts";
import { DEFAULT_CHUNK_SIZE as PACKER_CHUNK_SIZE } from "../../weights/packer.ts";
import { MAX_CONCURRENCY as MANAGER_MAX_CONCURRENCY } from "../../weights/manager.ts";
import { MAX_TOKENS } from "./cost.ts";
import { PRICE_EXPORT_FORMATS } from "./export.ts";
import { DEFAULT_CHUNK_SIZE, MAX_CONCURRENCY } from "./weights.ts";

Deno.test("constants the command definitions repeat equal the library's", () => {
  assert.equal(MAX_TOKENS, PRICING_MAX_TOKENS);
  assert.deepEqual([...PRICE_EXPORT_FORMATS], PriceExportFormat.options);
  assert.equal(MAX_CONCURRENCY, MANAGER_MAX_CONCURRENCY);
  assert.equal(DEFAULT_CHUNK_SIZE, PACKER_CHUNK_SIZE);
});
