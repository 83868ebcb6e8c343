import assert from "node:assert/strict";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";

// Entries in the shapes the providers document (no capture of these lists is in the repository): Together's
// `/v1/models` prices in USD per 1M tokens, a gateway copying OpenRouter's shape in USD per token as strings.
const together = {
  id: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
  object: "model",
  created: 1733443200,
  type: "chat",
  display_name: "Meta Llama 3.3 70B Instruct Turbo",
  context_length: 131072,
  pricing: { hourly: 0, input: 0.88, output: 0.88, base: 0, finetune: 0 },
};
const image = {
  id: "black-forest-labs/FLUX.1-schnell",
  object: "model",
  type: "image",
  pricing: { hourly: 0, input: 0, output: 0, base: 0, finetune: 0 },
};
const gateway = {
  id: "anthropic/claude-sonnet-4.5",
  object: "model",
  context_length: 1000000,
  pricing: { prompt: "0.000003", completion: "0.000015" },
};

Deno.test("OpenAI-shaped lists: token prices in either documented shape reach the offering, all-zero stays unknown", () => {
  const { offerings, notes } = PROTOCOLS.openai.translate("together", [{
    object: "list",
    data: [together, image, gateway],
  }]);
  assert.deepEqual(notes, []);
  const byId = new Map(offerings.map((o) => [o.id, o]));
  assert.deepEqual(byId.get(together.id)?.pricing, { input: 0.88, output: 0.88 });
  assert.equal(byId.get(together.id)?.limits?.context, 131072);
  assert.equal(
    byId.get(image.id)?.pricing,
    undefined,
    "0 is free or priced per image: the list does not say",
  );
  assert.deepEqual(byId.get(gateway.id)?.pricing, { input: 3, output: 15 });
});
