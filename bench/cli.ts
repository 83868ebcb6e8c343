/**
 * Prints the median wall time of two catalog queries run as the Bun-compiled binary, under `deno run`, and with
 * `jq` over the same models.dev JSON, plus the binary's size.
 *
 * Usage: `deno run -A bench/cli.ts [--runs 15]` (builds dist/ with Bun first when the host binary is missing).
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const runsIndex = Deno.args.indexOf("--runs");
const runs = runsIndex >= 0 ? Number(Deno.args[runsIndex + 1]) : 15;
const os = Deno.build.os === "windows" ? "windows" : Deno.build.os;
const arch = Deno.build.arch === "aarch64" ? "arm64" : "x64";
const binary = `${root}dist/starmap-${os}-${arch}${os === "windows" ? ".exe" : ""}`;
const modelsDev = `${root}catalog/upstream/models.dev/api.json`;

async function time(cmd: string[]): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(cmd[0]!, { args: cmd.slice(1), stdout: "null", stderr: "piped" })
    .output();
  const elapsed = performance.now() - start;
  if (!out.success) throw new Error(`${cmd.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  return elapsed;
}

async function median(cmd: string[]): Promise<number> {
  await time(cmd);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await time(cmd));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

if (!existsSync(binary)) {
  const b = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${root}scripts/compile.ts`, "bun", "--host"],
  })
    .output();
  if (!b.success) throw new Error("building the binary failed");
}

const deno = [Deno.execPath(), "run", "--allow-net", `${root}main.ts`];
const queries = [
  {
    name: "models list --search claude -o json",
    args: ["models", "list", "--search", "claude", "-o", "json"],
    jq: [
      "jq",
      '[.[] | .models[] | select((.id + " " + .name + " " + (.family // "")) | test("claude"; "i"))]',
    ],
  },
  {
    name: "models show openai/gpt-4o -o json",
    args: ["models", "show", "openai/gpt-4o", "-o", "json"],
    jq: ["jq", '.openai.models["gpt-4o"]'],
  },
];

const hasJq =
  (await new Deno.Command("sh", { args: ["-c", "command -v jq"], stdout: "null" }).output()).success;
// deno-lint-ignore no-console
console.log(`median of ${runs} runs, wall time in ms (${Deno.build.os}/${Deno.build.arch})`);
// deno-lint-ignore no-console
console.log(`binary: ${binary.replace(root, "")} ${(statSync(binary).size / 1024 / 1024).toFixed(1)} MiB`);
// deno-lint-ignore no-console
console.log(
  "query".padEnd(40),
  "binary".padStart(8),
  "deno run".padStart(9),
  "jq".padStart(8),
  "binary/jq".padStart(10),
);
for (const q of queries) {
  const bin = await median([binary, ...q.args]);
  const viaDeno = await median([...deno, ...q.args]);
  const jq = hasJq ? await median([...q.jq, modelsDev]) : NaN;
  const ratio = hasJq ? (bin / jq).toFixed(2) : "n/a";
  // deno-lint-ignore no-console
  console.log(
    q.name.padEnd(40),
    bin.toFixed(1).padStart(8),
    viaDeno.toFixed(1).padStart(9),
    jq.toFixed(1).padStart(8),
    ratio.padStart(10),
  );
}
