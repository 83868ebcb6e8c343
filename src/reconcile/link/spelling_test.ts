import assert from "node:assert/strict";
import { datePin, idKey, spell } from "./mod.ts";

Deno.test("idKey: spellings of one id meet", () => {
  assert.deepEqual(idKey("claude-3.5-sonnet"), idKey("claude-3-5-sonnet"));
  assert.deepEqual(idKey("llama-v3p3-70b-instruct"), idKey("Llama-3.3-70B-Instruct"));
  assert.deepEqual(idKey("Kimi-K2_6"), idKey("kimi-k2.6"));
  assert.deepEqual(idKey("llama3-3-70b"), idKey("llama-3.3-70b"));
  assert.deepEqual(idKey("gpt-4o-2024-08-06"), idKey("gpt-4o-20240806"));
  assert.deepEqual(idKey("MiniMax-M2.5"), idKey("minimax-m2-5"));
  assert(idKey("gpt-4o") !== idKey("gpt-4"));
  assert(idKey("gpt-5.2") !== idKey("gpt-52"));
  assert.deepEqual(idKey("Command R+"), idKey("command-r-plus"));
  assert(idKey("Command R+") !== idKey("Command R"));
  assert.deepEqual(idKey("Gemini Text + Image"), "gemini-text-image");
});

Deno.test("spell: region and vendor prefixes, Bedrock version suffix", () => {
  const s = spell("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  assert.deepEqual(s.core, "claude-sonnet-4-5-20250929");
  assert.deepEqual(s.orgs, ["anthropic"]);
  assert.deepEqual(s.rules, ["region-prefix", "vendor-prefix", "version-suffix"]);
  assert.deepEqual(spell("global.anthropic.claude-opus-4-8").core, "claude-opus-4-8");
  assert.deepEqual(spell("amazon.nova-2-lite-v1:0").core, "nova-2-lite");
  assert.deepEqual(spell("amazon.nova-2-lite-v1:0").orgs, ["amazon"]);
});

Deno.test("spell: a version without `:` is part of the id", () => {
  assert.deepEqual(spell("nvidia.nemotron-nano-12b-v2").core, "nemotron-nano-12b-v2");
});

Deno.test("spell: path prefixes name organisations, routing segments do not", () => {
  const fw = spell("accounts/fireworks/models/llama-v3p3-70b-instruct");
  assert.deepEqual(fw.core, "llama-v3p3-70b-instruct");
  assert.deepEqual(fw.orgs, []);
  const cf = spell("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
  assert.deepEqual(cf.orgs, ["meta"]);
  assert.deepEqual(cf.core, "llama-3.3-70b-instruct-fp8-fast");
  const hf = spell("meta-llama/Llama-3.3-70B-Instruct");
  assert.deepEqual(hf.orgs, ["meta-llama"]);
  assert.deepEqual(hf.core, "llama-3.3-70b-instruct");
  assert.deepEqual(spell("openai/gpt-4o").orgs, ["openai"]);
  assert.deepEqual(spell("hf:nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4").orgs, ["nvidia"]);
});

Deno.test("spell: `@` pins, `:` tags and serving suffixes", () => {
  assert.deepEqual(spell("claude-opus-4-1@20250805").core, "claude-opus-4-1-20250805");
  assert.deepEqual(spell("claude-sonnet-5@default").core, "claude-sonnet-5");
  assert.deepEqual(spell("openai/gpt-oss-120b:free").core, "gpt-oss-120b");
  assert.deepEqual(spell("openai/gpt-oss-120b:free").tag, undefined);
  const sized = spell("nemotron-3-nano:30b");
  assert.deepEqual(sized.core, "nemotron-3-nano");
  assert.deepEqual(sized.tag, "30b");
  assert.deepEqual(spell("zai-org/GLM-5.1-FP8").core, "glm-5.1");
  assert.deepEqual(spell("Qwen/Qwen3-32B-TEE").core, "qwen3-32b");
  assert.deepEqual(spell("route/deepseek-v4-pro-6bit").core, "deepseek-v4-pro");
  assert.deepEqual(spell("stepfun/step-3.7-flash-free").core, "step-3.7-flash");
});

Deno.test("datePin: strong dates always, short pins only when asked", () => {
  assert.deepEqual(datePin("gpt-4o-2024-08-06", false), { base: "gpt-4o", date: "2024-08-06" });
  assert.deepEqual(datePin("claude-sonnet-4-5-20250929", false), {
    base: "claude-sonnet-4-5",
    date: "20250929",
  });
  assert.deepEqual(datePin("pixtral-12b-2409", false), undefined);
  assert.deepEqual(datePin("pixtral-12b-2409", true), { base: "pixtral-12b", date: "2409" });
  assert.deepEqual(datePin("command-r-08-2024", true), { base: "command-r", date: "08-2024" });
  assert.deepEqual(datePin("gemini-2.0-flash-001", true), { base: "gemini-2.0-flash", date: "001" });
  assert.deepEqual(datePin("20250929", false), undefined);
});
