/**
 * Prints the median wall time of catalog queries run as the Bun-compiled binary, under `deno run`, and with `jq`
 * over the same models.dev JSON, with the binary's ratio to jq and the goal beside it (at most 0.3× for the search,
 * 0.5× for `models show`), the median of `--version` (goal: under 30 ms) and of the completion answers a shell
 * asks for on each Tab (goal: under 100 ms), the peak RSS of each binary run, and the binary's size.
 *
 * The binary's and jq's runs alternate, so that load from elsewhere on the machine weighs on both alike; the load
 * average is printed too, since timings on a busy machine are not comparable with those on an idle one.
 *
 * Usage: `deno run -A bench/cli.ts [--runs 15] [--build] [--binary path]` (builds dist/ with Bun first when the
 * host binary is missing, or with `--build`).
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const flag = (name: string) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
};
const runs = Number(flag("--runs") ?? 15);
const os = Deno.build.os === "windows" ? "windows" : Deno.build.os;
const arch = Deno.build.arch === "aarch64" ? "arm64" : "x64";
const binary = flag("--binary") ?? `${root}dist/starmap-${os}-${arch}${os === "windows" ? ".exe" : ""}`;
const modelsDev = `${root}catalog/upstream/models.dev/api.json`;
const gnuTime = "/usr/bin/time";

async function time(cmd: string[]): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(cmd[0]!, { args: cmd.slice(1), stdout: "null", stderr: "piped" })
    .output();
  const elapsed = performance.now() - start;
  if (!out.success) throw new Error(`${cmd.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  return elapsed;
}

/** Medians of the commands' wall times, their runs interleaved (after one warm-up run of each). */
async function medians(cmds: string[][]): Promise<number[]> {
  for (const cmd of cmds) await time(cmd);
  const samples: number[][] = cmds.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, cmd] of cmds.entries()) samples[j]!.push(await time(cmd));
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

/** Peak resident set size in MiB (GNU time's maximum RSS), or NaN where GNU time is not installed. */
async function peakRss(cmd: string[]): Promise<number> {
  if (!existsSync(gnuTime)) return NaN;
  const out = await new Deno.Command(gnuTime, { args: ["-f", "%M", ...cmd], stdout: "null", stderr: "piped" })
    .output();
  const lines = new TextDecoder().decode(out.stderr).trim().split("\n");
  return Number(lines.at(-1)) / 1024;
}

if (Deno.args.includes("--build") || !existsSync(binary)) {
  const b = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${root}scripts/compile.ts`, "bun", "--host"],
  }).output();
  if (!b.success) throw new Error("building the binary failed");
}

const deno = [Deno.execPath(), "run", "--allow-net", `${root}main.ts`];
const queries = [
  {
    name: "models list --search claude -o json",
    args: ["models", "list", "--search", "claude", "-o", "json"],
    goal: "<= 0.3x jq",
    jq: [
      "jq",
      '[.[] | .models[] | select((.id + " " + .name + " " + (.family // "")) | test("claude"; "i"))]',
    ],
  },
  {
    name: "models show openai/gpt-4o -o json",
    args: ["models", "show", "openai/gpt-4o", "-o", "json"],
    goal: "<= 0.5x jq",
    jq: ["jq", '.openai.models["gpt-4o"]'],
  },
  {
    name: "models show anthropic/claude-sonnet-4-5 -o json",
    args: ["models", "show", "anthropic/claude-sonnet-4-5", "-o", "json"],
    goal: "<= 0.5x jq",
    // What jq can do without links: every provider's entry whose id spells Claude Sonnet 4.5.
    jq: [
      "jq",
      '[.[] | .models | to_entries[] | select(.key | test("claude-(sonnet-4[-.]5|4[-.]5-sonnet)")) | .value]',
    ],
  },
  { name: "--version", args: ["--version"], jq: undefined, goal: "< 30 ms" },
  {
    name: "__complete (model ids, one Tab)",
    args: ["__complete", "zsh", "--", "models", "show", "openai/gpt-4o"],
    jq: undefined,
    goal: "< 100 ms",
  },
  {
    name: "__complete (flags, one Tab)",
    args: ["__complete", "bash", "--", "models", "list", "--"],
    jq: undefined,
    goal: "< 100 ms",
  },
];

const hasJq =
  (await new Deno.Command("sh", { args: ["-c", "command -v jq"], stdout: "null" }).output()).success;
const cell = (n: number, width: number, digits = 1) =>
  (Number.isNaN(n) ? "n/a" : n.toFixed(digits)).padStart(width);
const print = (...parts: string[]) => {
  // deno-lint-ignore no-console
  console.log(parts.join(" "));
};
print(`median of ${runs} runs, wall time in ms (${Deno.build.os}/${Deno.build.arch})`);
print(
  `load average before: ${
    loadavg().map((l) => l.toFixed(2)).join(" ")
  } (${navigator.hardwareConcurrency} CPUs)`,
);
print(`binary: ${binary.replace(root, "")} ${(statSync(binary).size / 1024 / 1024).toFixed(1)} MiB`);
print(
  "query".padEnd(48),
  "binary".padStart(8),
  "deno run".padStart(9),
  "jq".padStart(8),
  "binary/jq".padStart(10),
  "goal".padStart(12),
  "RSS MiB".padStart(8),
);
for (const q of queries) {
  const withJq = hasJq && q.jq !== undefined;
  const [bin, jq] = await medians(
    withJq ? [[binary, ...q.args], [...q.jq!, modelsDev]] : [[binary, ...q.args]],
  );
  const [viaDeno] = await medians([[...deno, ...q.args]]);
  const rss = await peakRss([binary, ...q.args]);
  print(
    q.name.padEnd(48),
    cell(bin!, 8),
    cell(viaDeno!, 9),
    cell(jq ?? NaN, 8),
    cell(bin! / (jq ?? NaN), 10, 2),
    q.goal.padStart(12),
    cell(rss, 8),
  );
}
print(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
