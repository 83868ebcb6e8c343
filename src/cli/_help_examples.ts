/**
 * The examples at the end of each command's help. Every line is also in the README (a test checks it), so
 * the help and the documentation teach the same commands.
 *
 * @module
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";

/** Example command lines by command path (`models list`); the root's key is the empty string. */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": [
    "starmap models list -p anthropic -o json",
    "starmap models show anthropic/claude-sonnet-4-5",
    "starmap cost openai/gpt-4o --input 12k --output-tokens 1.5k --cached 2000",
  ],
  "models": ["starmap models list -p anthropic -o json", "starmap models show anthropic/claude-sonnet-4-5"],
  "models list": [
    "starmap models list -p anthropic -o json",
    "starmap models list --search claude --search sonnet",
    "starmap models list --tools --vision --min-context 200k --max-price 3 --sort input_price",
    "starmap models list claude --offerings -o csv --fields provider,id,input_usd_per_1m",
    "starmap models list -p openai -o name",
    "starmap models list --offerings --param tools --param response_format --operation chat",
  ],
  "models show": [
    "starmap models show anthropic/claude-sonnet-4-5",
    "starmap models show amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "starmap models show gpt-4o -p azure",
  ],
  "models compare": ["starmap models compare anthropic/claude-sonnet-4-5 openai/gpt-4o"],
  "models history": ["starmap models history openai/gpt-4o"],
  "providers": ["starmap providers list", "starmap providers show anthropic"],
  "providers list": ["starmap providers list", "starmap providers list -o tsv --no-headers"],
  "providers show": ["starmap providers show anthropic"],
  "providers fetch": ["starmap providers fetch openai --timeout 30s"],
  "authors": ["starmap authors list", "starmap authors show meta"],
  "authors list": ["starmap authors list"],
  "authors show": ["starmap authors show meta"],
  "update": ["starmap update anthropic --dry", "starmap update -y --source models.dev --source openai"],
  "validate": ["starmap validate"],
  "auth": ["starmap auth status", "starmap auth verify openai --timeout 10s"],
  "auth status": ["starmap auth status"],
  "auth verify": ["starmap auth verify openai --timeout 10s"],
  "version": ["starmap version -o json"],
  "cost": [
    "starmap cost openai/gpt-4o --input 12k --output-tokens 1.5k --cached 2000",
    "starmap cost gpt-4o --input 1M --output-tokens 100k",
    "starmap cost gemini-2.5-flash-image -p google --output-tokens 1k --images-out 3 --web-searches 2",
    "starmap cost gpt-5 -p openai --input 1M --output-tokens 100k --service flex",
  ],
  "export": ["starmap export pricing --format litellm"],
  "export pricing": [
    "starmap export pricing --format litellm",
    "starmap export pricing --format csv -p openai",
  ],
  "serve": ["starmap serve --port 8080 --auto-update 6h"],
  "weights": ["starmap weights pull acme/llama-mini 1.0 --registry https://models.example.com"],
  "weights pull": ["starmap weights pull acme/llama-mini 1.0 --registry https://models.example.com"],
  "weights list": ["starmap weights list"],
  "weights info": ["starmap weights info acme/llama-mini latest"],
  "weights path": ["starmap weights path acme/llama-mini latest"],
  "weights update": ["starmap weights update"],
  "weights remove": ["starmap weights remove acme/llama-mini"],
  "weights prune": ["starmap weights prune"],
  "weights pack": [
    "starmap weights pack ./model-dir acme/llama-mini 1.0 --out ./registry",
  ],
  "schema": ["starmap schema models-row"],
  "completion": ["starmap completion install", "source <(starmap completion bash)"],
};

/** The path of a command below the root: `models list`. */
export function commandPath(cmd: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Appends each command's examples to its help, walking the whole tree. */
export function addExamples(cmd: CommandUnknownOpts): void {
  const lines = EXAMPLES[commandPath(cmd)];
  if (lines?.length) cmd.addHelpText("after", `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`);
  for (const sub of cmd.commands) addExamples(sub);
}
