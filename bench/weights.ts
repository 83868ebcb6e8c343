/**
 * Benchmark of `starmap weights pull` against a baseline of curl (4 in parallel) + sha256sum + cat.
 *
 * Packs a model of random data (16 MiB chunks) into a registry directory, serves it from a small static server of
 * our own (a separate process, serving from memory and counting the bytes it serves) and from nginx when `nginx`
 * is on the PATH, then prints, side by side with the baseline:
 *
 * - a cold pull: wall time, throughput, ratio to the baseline, peak RSS (GNU time), and the disk used at the
 *   peak of the pull (sampled, each inode once) beside the model's size;
 * - the floor of a verified pull in Deno (`bench/weights_ceiling.ts`: plain TCP, SHA-256 and one write per byte in
 *   a bare script), so that starmap's time and memory can be read against what the runtime itself costs;
 * - a resume with every chunk already verified (the staged files and a journal that lists every chunk), in
 *   seconds per GiB;
 * - the disk two models take when one is a fine-tune of the other (the same files and a new one of 6% of the
 *   size sorting first, so every shared byte lies off the chunk grid), beside the disk of one;
 * - `weights update --apply` after one chunk of the version changed: the bytes it fetched.
 *
 * Usage: deno run -A bench/weights.ts [--size 1G] [--chunk-size 16M] [--concurrency 4] [--repeat 3] [--keep]
 *        [--binary dist/starmap-linux-x64]
 * With `--binary`, starmap is that compiled binary (`deno task compile:bun` builds one on Bun); else `deno run`.
 * Sizes take K, M and G suffixes (binary), e.g. `--size 256M` on a busy machine. Each variant runs `--repeat`
 * times after a `sync` (the baseline and the cold pull in turn, so both meet the same load); the median time is
 * shown with every run's time, the highest peak RSS, and the load average of the machine.
 * Goals: cold throughput at least 3.5x the baseline, peak RSS under 96 MiB, a verified resume under 1 s per GiB,
 * peak disk the model's size plus what is in flight, and one chunk fetched by the update.
 *
 * @module
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pack } from "../src/weights/_packer.ts";
import { changeOneChunk, makeModel, packTuned, stageAllVerified, TUNED_SHARE } from "./weights_scenarios.ts";
import { diskUsage } from "../tests/helpers/disk_usage.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const REPEAT = Number(Deno.args[Deno.args.indexOf("--repeat") + 1]) || 3;
const BINARY = Deno.args.includes("--binary") ? Deno.args[Deno.args.indexOf("--binary") + 1] : undefined;
/**
 * The starmap measured: a compiled binary with `--binary`, else the CLI as the binaries start it, without the
 * library's exports (`src/cli/_main.ts`).
 */
const STARMAP = BINARY ? [BINARY] : [Deno.execPath(), "run", "-A", join(ROOT, "src", "cli", "_main.ts")];

/** Prints a line of the report (a benchmark's output is its job). */
function print(text: string | number): void {
  // deno-lint-ignore no-console
  console.log(text);
}

function size(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i.exec(text.trim());
  if (!m) throw new Error(`bad size "${text}" (use e.g. 256M or 1G)`);
  return Math.round(
    Number(m[1]) * ({ "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase()] ?? 1),
  );
}

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  return i >= 0 && Deno.args[i + 1] ? Deno.args[i + 1]! : fallback;
}

interface Run {
  seconds: number;
  rssMiB: number;
  /** The most disk the models directory used during the run, when sampled. */
  peakDisk?: number;
}

/**
 * Runs a command under GNU time and returns wall seconds and peak RSS; dirty pages are flushed first. With
 * `watch`, the disk used under that directory is sampled while it runs.
 */
async function timed(cmd: string[], env: Record<string, string> = {}, watch?: string): Promise<Run> {
  await new Deno.Command("sync").output();
  const child = new Deno.Command("/usr/bin/time", {
    args: ["-f", "TIME %e %M", ...cmd],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let peakDisk = 0;
  let running = true;
  const sampling = (async () => {
    while (watch && running) {
      peakDisk = Math.max(peakDisk, await diskUsage(watch));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const out = await child.output();
  running = false;
  await sampling;
  const err = new TextDecoder().decode(out.stderr);
  if (out.code !== 0) throw new Error(`${cmd.join(" ")} failed (${out.code}): ${err}`);
  const m = /TIME ([\d.]+) (\d+)/.exec(err)!;
  return { seconds: Number(m[1]), rssMiB: Number(m[2]) / 1024, ...(watch ? { peakDisk } : {}) };
}

/** A running static server. */
interface Server {
  url: string;
  stop: () => Promise<void>;
}

async function startServer(dir: string): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "bench", "weights_static.ts"), dir],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) text += (await reader.read()).value ?? "";
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  return {
    url: `http://127.0.0.1:${text.trim()}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

async function startNginx(dir: string, work: string): Promise<Server | undefined> {
  const which = await new Deno.Command("sh", {
    args: ["-c", "PATH=$PATH:/usr/sbin:/usr/local/sbin command -v nginx"],
    stdout: "piped",
  }).output();
  if (which.code !== 0) return undefined;
  const nginx = new TextDecoder().decode(which.stdout).trim();
  const port = 18000 + Math.floor(Math.random() * 1000);
  const conf = join(work, "nginx.conf");
  await writeFile(
    conf,
    `daemon off; pid ${work}/nginx.pid; error_log ${work}/nginx.err; events {}\n` +
      `http { access_log off; sendfile on; server { listen 127.0.0.1:${port}; root ${dir}; } }\n`,
  );
  const child = new Deno.Command(nginx, { args: ["-c", conf, "-p", work], stderr: "null" }).spawn();
  await new Promise((r) => setTimeout(r, 500));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

async function baseline(url: string, chunks: string[], work: string): Promise<Run> {
  const dir = join(work, "curl");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  await writeFile(join(work, "urls"), chunks.map((h) => `${url}data/${h}`).join("\n") + "\n");
  await writeFile(join(work, "sums"), [...new Set(chunks)].map((h) => `${h}  ${h}`).join("\n") + "\n");
  const script =
    `cd ${dir} && xargs -P4 -n1 curl -sfO < ${work}/urls && sha256sum --quiet -c ${work}/sums && ` +
    `cat ${chunks.join(" ")} > ${join(work, "joined.bin")}`;
  const run = await timed(["bash", "-c", script]);
  await rm(join(work, "joined.bin"), { force: true });
  await rm(dir, { recursive: true, force: true });
  return run;
}

/**
 * The floor of a verified pull in Deno (`bench/weights_ceiling.ts`: plain TCP, SHA-256, one write per byte, no
 * CLI), so that starmap's figures can be read against what the runtime itself costs on this machine.
 */
async function floor(
  url: string,
  chunks: string[],
  work: string,
  chunkSize: number,
  concurrency: string,
): Promise<Run> {
  await writeFile(join(work, "urls"), chunks.map((h) => `${url}data/${h}`).join("\n") + "\n");
  const out = join(work, "floor.bin");
  const script = join(ROOT, "bench", "weights_ceiling.ts");
  const run = await timed([
    Deno.execPath(),
    "run",
    "-A",
    script,
    join(work, "urls"),
    String(chunkSize),
    out,
    concurrency,
  ]);
  await rm(out, { force: true });
  return run;
}

async function weights(url: string, models: string, concurrency: string, args: string[]): Promise<Run> {
  return await timed(
    [...STARMAP, "weights", ...args, "-q", "--json"],
    {
      STARMAP_MODELS_DIR: models,
      STARMAP_REGISTRY_URL: url,
      STARMAP_CONCURRENCY: concurrency,
      HOME: Deno.env.get("HOME") ?? "/tmp",
    },
    models,
  );
}

async function pull(url: string, models: string, concurrency: string): Promise<Run> {
  return await weights(url, models, concurrency, ["pull", "bench/model", "1"]);
}

/** The median of the runs' times (the machine is shared: one slow or fast run says more about neighbours). */
function median(runs: readonly Run[]): Run & { all: number[] } {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...mid, rssMiB: Math.max(...runs.map((r) => r.rssMiB)), all: runs.map((r) => r.seconds) };
}

/** Runs `fn` `REPEAT` times; the median time and the highest peak RSS. */
async function repeated(fn: () => Promise<Run>): Promise<Run & { all: number[] }> {
  const runs: Run[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await fn());
  return median(runs);
}

/**
 * Runs the baseline and a cold pull `REPEAT` times each, one after the other, so that both meet the same load
 * of a shared machine; returns the medians.
 */
async function sideBySide(
  base: () => Promise<Run>,
  bare: () => Promise<Run>,
  pull: () => Promise<Run>,
): Promise<{ base: Run & { all: number[] }; bare: Run & { all: number[] }; cold: Run & { all: number[] } }> {
  const runs: [Run[], Run[], Run[]] = [[], [], []];
  for (let i = 0; i < REPEAT; i++) {
    runs[0].push(await base());
    runs[1].push(await bare());
    runs[2].push(await pull());
  }
  return { base: median(runs[0]), bare: median(runs[1]), cold: median(runs[2]) };
}

/** The load average of the last minute, five and fifteen minutes (the benchmark shares the machine). */
function load(): string {
  return `load average ${Deno.loadavg().map((n) => n.toFixed(2)).join(", ")}`;
}

function mib(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(0);
}

function line(label: string, total: number, run: Run & { all?: number[] }, base?: Run): string {
  const mbs = total / 1e6 / run.seconds;
  const ratio = base ? `  ${(base.seconds / run.seconds).toFixed(2)}x baseline` : "";
  return `${label.padEnd(28)} ${run.seconds.toFixed(2).padStart(7)} s ${mbs.toFixed(0).padStart(6)} MB/s ` +
    `peak RSS ${run.rssMiB.toFixed(1).padStart(6)} MiB${ratio}` +
    (run.all ? `  (runs: ${run.all.map((s) => s.toFixed(2)).join(", ")} s)` : "");
}

/**
 * The figures of sharing, from the own server (it counts the bytes it serves): the disk a fine-tune adds beside
 * its base, and the bytes `update --apply` fetches after one chunk of the version changed.
 */
async function sharingFigures(
  server: Server,
  models: string,
  registry: string,
  manifestHash: string,
  { total, chunkSize, concurrency }: { total: number; chunkSize: number; concurrency: string },
): Promise<void> {
  const one = await diskUsage(models);
  await weights(server.url, models, concurrency, ["pull", "bench/tuned", "1"]);
  const both = await diskUsage(models);
  print(
    `${"starmap pull, a fine-tune".padEnd(28)} disk ${mib(both)} MiB for both models, ` +
      `${(both / one * 100).toFixed(0)}% of one (${mib(one)} MiB; they share ` +
      `${(total / (total + Math.round(total * TUNED_SHARE)) * 100).toFixed(0)}% of their data)`,
  );
  await weights(server.url, models, concurrency, ["remove", "bench/tuned", "-y"]);
  await changeOneChunk(registry, manifestHash);
  const before = Number(await (await fetch(`${server.url}__bytes`)).text());
  const update = await weights(server.url, models, concurrency, ["update", "bench/model", "1", "--apply"]);
  const fetched = Number(await (await fetch(`${server.url}__bytes`)).text()) - before;
  print(line("starmap update --apply", total, update));
  print(`${"".padEnd(28)} ${fetched} bytes fetched after one ${mib(chunkSize)} MiB chunk changed`);
}

/**
 * The verdict on the goals. Against the own server the baseline's curl is slowed by the server (Deno.serve sends
 * to curl several times slower than nginx does), which would flatter the ratio: with nginx present, the
 * throughput goal is judged there only.
 */
function goals(base: Run, cold: Run, judgedElsewhere: boolean): string {
  const ratio = base.seconds / cold.seconds;
  const verdict = judgedElsewhere ? "judged against nginx below" : ratio >= 3.5 ? "met" : "not met";
  return `${"".padEnd(28)} goals: ${ratio.toFixed(2)}x the baseline (3.5x: ${verdict}), ` +
    `peak RSS ${cold.rssMiB.toFixed(1)} MiB (under 96: ${cold.rssMiB < 96 ? "met" : "not met"})`;
}

async function main(): Promise<void> {
  const total = size(arg("--size", "1G"));
  const chunkSize = size(arg("--chunk-size", "16M"));
  const concurrency = arg("--concurrency", "4");
  const work = await mkdtemp(join(tmpdir(), "starmap-bench-"));
  await Deno.chmod(work, 0o755); // nginx workers run as an unprivileged user
  try {
    print(
      `model: ${(total / 1024 ** 2).toFixed(0)} MiB of random data, ${chunkSize / 1024 ** 2} MiB chunks, ` +
        `starmap: ${BINARY ? `the binary ${BINARY}` : "deno run src/cli/_main.ts"} (${load()})`,
    );
    await makeModel(join(work, "src"), total);
    const registry = join(work, "registry");
    const packed = await pack({
      dir: join(work, "src"),
      out: registry,
      ref: "bench/model",
      version: "1",
      chunkSize,
    });
    await packTuned(work, registry, total, chunkSize);
    await rm(join(work, "src"), { recursive: true, force: true });
    const manifest = JSON.parse(await readFile(join(registry, "data", packed.manifestHash), "utf8"));
    const sizes = { total, chunkSize, concurrency };
    // One run before timing: Deno compiles the CLI's modules on their first run (a binary never does).
    await weights("http://127.0.0.1:9/", join(work, "warm"), concurrency, ["list"]);
    const servers: [string, Server][] = [["starmap static server", await startServer(registry)]];
    const nginx = await startNginx(registry, work);
    if (nginx) servers.push(["nginx", nginx]);
    else print("nginx: not found, skipped");
    for (const [name, server] of servers) {
      try {
        print(`\nserver: ${name} (${load()})`);
        const models = join(work, "models");
        const { base, bare, cold } = await sideBySide(
          () => baseline(server.url, manifest.chunks, work),
          () => floor(server.url, manifest.chunks, work, chunkSize, concurrency),
          async () => {
            await rm(models, { recursive: true, force: true });
            return await pull(server.url, models, concurrency);
          },
        );
        print(line("baseline curl×4+sha256sum+cat", total, base));
        print(line("floor: bare Deno TCP+SHA+write", total, bare, base));
        print(line("starmap pull, cold", total, cold, base));
        print(`${"".padEnd(28)} peak disk ${mib(cold.peakDisk ?? 0)} MiB for a ${mib(total)} MiB model`);
        print(goals(base, cold, name !== "nginx" && nginx !== undefined));
        const resume = await repeated(async () => {
          await stageAllVerified(models);
          return await pull(server.url, models, concurrency);
        });
        print(line("starmap pull, all verified", total, resume, base));
        print(`${"".padEnd(28)} ${(resume.seconds / (total / 1024 ** 3)).toFixed(2)} s per GiB to resume`);
        if (name !== "nginx") await sharingFigures(server, models, registry, packed.manifestHash, sizes);
        await rm(models, { recursive: true, force: true });
      } finally {
        await server.stop();
      }
    }
  } finally {
    if (!Deno.args.includes("--keep")) await rm(work, { recursive: true, force: true });
  }
}

await main();
