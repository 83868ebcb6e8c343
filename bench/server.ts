/**
 * Benchmark of `starmap serve`: requests/s and p50/p99 latency of `GET /models/{provider}/{model}` and a filtered
 * `GET /models` at 50 connections on 127.0.0.1, beside nginx serving the same bytes as static files (the limit),
 * with the ratio. Each server is its own process and so is the load generator: wrk when installed (one thread,
 * C, not the bottleneck), else autocannon inside this process (which saturates before either server does on a
 * small machine, so its figures understate both servers; the output says so). Every target gets a warm-up run
 * before the measured one, and the starmap and nginx runs alternate (`--rounds` times) so machine load drifts
 * over both alike; the best round of each is kept. The comparison is one process against one process: nginx
 * runs with `master_process off` (one process, `sendfile`, keep-alive, no access log), starmap as one Deno
 * process (one JavaScript thread). Beside req/s, each server's CPU time per request (from /proc, Linux) is
 * printed: on a shared machine req/s moves with the load, CPU per request much less.
 * Prints figures and whether the goals are met; asserts nothing.
 *
 * Then `/health` latency during a flood of unknown-model requests (each 404 with suggestions from the snapshot's
 * index), and the fleet's activation lag (bench/fleet_lag.ts, when redis-server is installed).
 *
 * Beside both, the runtime's own ceilings (bench/bare_server.ts), measured in the same rounds: a bare
 * `Deno.serve` or `Bun.serve` answering the same bytes with the same headers and nothing else ("bare" rows), and
 * on Deno a bare raw-TCP server on `Deno.listen` writing one prepared buffer per request ("raw" rows), with
 * their ratios to nginx.
 *
 * Run: deno run -A bench/server.ts [--duration 10] [--warmup 3] [--rounds 2] [--connections 50]
 *      [--tool wrk|autocannon] [--binary dist/starmap-linux-x64] [--bun path/to/bun]
 *
 * With `--bun`, starmap runs as `bun main.ts serve` (`Bun.serve`) and the ceiling is a bare `Bun.serve`; with
 * `--binary`, starmap is that compiled binary (`deno task compile:bun` builds one on Bun), and the ceiling is a
 * bare `Bun.serve` when `--bun` is given too. Without either, starmap is `deno run main.ts`: on Deno starmap
 * serves with its own HTTP/1.1 server on `Deno.listen` (not `Deno.serve`), so the raw row is the ceiling of
 * its kind, and the bare `Deno.serve` row shows what the runtime's own server would allow.
 */
// deno-lint-ignore-file no-console no-import-prefix
import { parseArgs } from "node:util";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fleetLag } from "./fleet_lag.ts";
import { servingOn } from "../tests/helpers/serving.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "2" },
    tool: { type: "string" },
    binary: { type: "string" },
    bun: { type: "string" },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const rounds = Math.max(1, Number(values.rounds));

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU microseconds per request, when /proc tells. */
  cpuUs?: number | undefined;
}

/** User + system CPU seconds of a process (all its threads), from /proc; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

function findBinary(names: string[]): string | undefined {
  return names.find((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
}

const WRK_REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
`;

/** Runs wrk (one thread: the other core is the server's) and reads the figures its Lua `done` hook prints. */
async function wrk(bin: string, script: string, url: string, seconds: number): Promise<Figures> {
  const out = await new Deno.Command(bin, {
    args: ["-t1", `-c${connections}`, `-d${seconds}s`, "-s", script, url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const line = text.split("\n").find((l) => l.startsWith("{"));
  if (!out.success || !line) throw new Error(`wrk failed:\n${text}${new TextDecoder().decode(out.stderr)}`);
  const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; errors: number };
  return { rps: r.requests / (r.us / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000, errors: r.errors };
}

async function autocannon(url: string, seconds: number): Promise<Figures> {
  const { default: run } = await import("npm:autocannon@^8");
  const result = await run({ url, connections, duration: seconds, pipelining: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function nginx(
  files: Record<string, string>,
): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const bin = findBinary(["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]);
  if (!bin) throw new Error("nginx is not installed: the static baseline cannot run");
  const dir = await mkdtemp(join(tmpdir(), "starmap-bench-nginx-"));
  await chmod(dir, 0o755);
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body, { mode: 0o644 });
  const port = 18000 + Math.floor(Math.random() * 1000);
  const conf =
    `master_process off; worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; default_type application/json; sendfile on; keepalive_requests 1000000;
  server { listen 127.0.0.1:${port}; root ${dir}; location / { try_files $uri =404; } } }`;
  await writeFile(join(dir, "nginx.conf"), conf);
  const child = new Deno.Command(bin, { args: ["-c", join(dir, "nginx.conf"), "-p", dir], stderr: "null" })
    .spawn();
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/model.json`);
      await r.body?.cancel();
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `starmap serve` as its own process (no request logging: `-v` is not given). */
function startServer() {
  const serve = ["serve", "--host", "127.0.0.1", "--port", "0"];
  if (values.binary) return startProcess(values.binary, serve);
  if (values.bun) return startProcess(values.bun, ["main.ts", ...serve]);
  return startProcess(Deno.execPath(), ["run", "-A", "main.ts", ...serve]);
}

/**
 * Starts the bare server of starmap's runtime on `files` (`raw`: the raw-TCP one, Deno only), or returns
 * undefined when that runtime is not at hand.
 */
function startBare(files: string[], raw = false) {
  const script = new URL("./bare_server.ts", import.meta.url).pathname;
  if (values.bun) return raw ? undefined : startProcess(values.bun, [script, ...files]);
  if (values.binary) return undefined;
  return startProcess(Deno.execPath(), ["run", "-A", script, ...(raw ? ["--raw"] : []), ...files]);
}

/** Starts a server process and waits for its "serving on" line. */
async function startProcess(bin: string, args: string[]) {
  const child = new Deno.Command(bin, { args, stdout: "null", stderr: "piped" }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const { base, said } = await servingOn(reader);
  if (!base) throw new Error(`${bin} ${args.join(" ")} did not start:\n${said}`);
  void (async () => {
    while (!(await reader.read()).done);
  })();
  return {
    base,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

async function fetchOk(url: string): Promise<string> {
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

/** `/health` latency (sequential probes) while the load generator floods unknown-model requests. */
async function healthDuringFlood(base: string): Promise<void> {
  const flood = load(`${base}/models/openai/gpt-4o-no-such-model-${Date.now()}`, duration);
  const probes: number[] = [];
  const end = performance.now() + duration * 1000 - 500;
  while (performance.now() < end) {
    const t = performance.now();
    await (await fetch(`${base}/health`)).body?.cancel();
    probes.push(performance.now() - t);
  }
  const f = await flood;
  probes.sort((a, b) => a - b);
  const q = (x: number) => probes[Math.min(probes.length - 1, Math.floor(x * probes.length))]!;
  console.log(`unknown-model 404 flood: ${f.rps.toFixed(0)} req/s, p99 ${ms(f.p99)}`);
  console.log(
    `  /health during it: p50 ${ms(q(0.5))}   p99 ${
      ms(q(0.99))
    }   (${probes.length} probes; goal p99 < 50 ms)`,
  );
}

const ms = (n: number) => `${n.toFixed(2).padStart(6)} ms`;

function row(name: string, f: Figures): string {
  const cpu = f.cpuUs === undefined ? "" : `   CPU ${f.cpuUs.toFixed(1).padStart(5)} µs/req`;
  return `  ${name.padEnd(9)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${ms(f.p50)}   p99 ${
    ms(f.p99)
  }   errors ${f.errors}${cpu}`;
}

const wrkBin = values.tool === "autocannon" ? undefined : findBinary(["/usr/bin/wrk", "/usr/local/bin/wrk"]);
if (values.tool === "wrk" && !wrkBin) throw new Error("wrk is not installed (apt-get install wrk)");
const scriptDir = await mkdtemp(join(tmpdir(), "starmap-bench-wrk-"));
const script = join(scriptDir, "report.lua");
await writeFile(script, WRK_REPORT);
const load = (url: string, seconds: number) =>
  wrkBin ? wrk(wrkBin, script, url, seconds) : autocannon(url, seconds);

/** Measures `url` once (after a warm-up), with the serving process's CPU time per request. */
async function measure(url: string, pid: number | undefined): Promise<Figures> {
  if (warmup > 0) await load(url, warmup);
  const before = cpuSeconds(pid);
  const f = await load(url, duration);
  const after = cpuSeconds(pid);
  const requests = f.rps * duration;
  const cpuUs = before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / requests;
  return { ...f, cpuUs };
}

const server = await startServer();
const routes = [
  {
    name: "GET /models/openai/gpt-4o",
    path: "/models/openai/gpt-4o",
    file: "model.json",
    goal: { ratio: 0.9, p99: 5 },
  },
  {
    name: "GET /models?provider=anthropic&capability=tools&sort=context&order=desc&limit=20",
    path: "/models?provider=anthropic&capability=tools&sort=context&order=desc&limit=20",
    file: "models.json",
    goal: { ratio: 0.7 },
  },
];
const files: Record<string, string> = {};
for (const r of routes) files[r.file] = await fetchOk(`${server.base}${r.path}`);
const ng = await nginx(files).catch((error) => {
  console.log(`  note: ${(error as Error).message}; starmap figures only, no ratio`);
  return undefined;
});
const bareFiles: string[] = [];
for (const [name, body] of Object.entries(files)) {
  bareFiles.push(join(scriptDir, name));
  await writeFile(join(scriptDir, name), body);
}
const bare = await startBare(bareFiles);
const raw = await startBare(bareFiles, true);
const runtime = values.bun || values.binary ? "Bun.serve" : "Deno.serve";
const starmapServer = values.bun || values.binary ? "Bun.serve" : "its own HTTP/1.1 server on Deno.listen";

console.log(
  `starmap serve benchmark: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per target, ` +
    `best of ${rounds} alternating rounds, 127.0.0.1, deno ${Deno.version.deno}, load generator ${
      wrkBin ? "wrk (own process, 1 thread)" : "autocannon (in this process)"
    }, ${navigator.hardwareConcurrency} cores, load average ${
      Deno.loadavg().map((n) => n.toFixed(2)).join(" ")
    }`,
);
console.log(
  `  one process each: starmap = ${
    values.binary ? `the binary ${values.binary}` : values.bun ? "bun main.ts" : "deno run main.ts"
  } (one JavaScript thread, ${starmapServer}); nginx = master_process off, sendfile, keep-alive, no log; bare = ${
    bare ? `a bare ${runtime} with the same bytes and headers` : "not run (give --bun)"
  }${raw ? "; raw = a bare raw-TCP server on Deno.listen writing one prepared buffer per request" : ""}`,
);
if (!wrkBin) {
  console.log(
    "  note: autocannon under Deno saturates first on a small machine; install wrk for server-bound figures",
  );
}
try {
  for (const r of routes) {
    const targets: Record<string, { url: string; pid: number | undefined }> = {
      starmap: { url: `${server.base}${r.path}`, pid: server.pid },
    };
    if (bare) targets.bare = { url: `${bare.base}/${r.file}`, pid: bare.pid };
    if (raw) targets.raw = { url: `${raw.base}/${r.file}`, pid: raw.pid };
    if (ng) targets.nginx = { url: `${ng.base}/${r.file}`, pid: ng.pid };
    const best: Record<string, Figures> = {};
    for (let round = 0; round < rounds; round++) {
      for (const [name, t] of Object.entries(targets)) {
        const f = await measure(t.url, t.pid);
        if (!best[name] || f.rps > best[name]!.rps) best[name] = f;
      }
    }
    const s = best.starmap!;
    const n = best.nginx;
    console.log(`${r.name} (${files[r.file]!.length} bytes)`);
    console.log(row("starmap", s));
    if (best.bare) console.log(row("bare", best.bare));
    if (best.raw) console.log(row("raw", best.raw));
    if (!n) continue;
    console.log(row("nginx", n));
    if (best.bare) {
      const b = best.bare;
      const cpuCeiling = b.cpuUs && n.cpuUs
        ? `; CPU per request nginx/bare ${(n.cpuUs / b.cpuUs).toFixed(2)}`
        : "";
      console.log(
        `  ceiling: bare ${runtime}/nginx req/s ${
          (b.rps / n.rps).toFixed(2)
        }${cpuCeiling}; starmap/bare req/s ${(s.rps / b.rps).toFixed(2)}`,
      );
    }
    if (best.raw) {
      const w = best.raw;
      console.log(
        `  ceiling: raw TCP/nginx req/s ${(w.rps / n.rps).toFixed(2)}; starmap/raw req/s ${
          (s.rps / w.rps).toFixed(2)
        }`,
      );
    }
    const ratio = s.rps / n.rps;
    const cpu = s.cpuUs && n.cpuUs ? `; CPU per request nginx/starmap ${(n.cpuUs / s.cpuUs).toFixed(2)}` : "";
    const met = ratio >= r.goal.ratio && (r.goal.p99 === undefined || s.p99 < r.goal.p99);
    const goal = `goal ≥ ${r.goal.ratio}×${r.goal.p99 ? ` with p99 < ${r.goal.p99} ms` : ""}`;
    console.log(`  starmap/nginx req/s ${ratio.toFixed(2)}${cpu} (${goal}: ${met ? "met" : "NOT met"})`);
  }
  await healthDuringFlood(server.base);
} finally {
  await ng?.stop();
  await bare?.stop();
  await raw?.stop();
  await server.stop();
  await rm(scriptDir, { recursive: true, force: true });
}
await fleetLag(10);
