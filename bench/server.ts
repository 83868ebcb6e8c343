/**
 * Benchmark of `starmap serve`: requests/s and p50/p99 latency of `GET /models/{provider}/{model}` and a filtered
 * `GET /models` at 50 connections on 127.0.0.1 (autocannon), beside nginx serving the same JSON as static files
 * when nginx is installed. Prints figures; asserts nothing.
 *
 * Run: deno run -A bench/server.ts [--duration 10] [--connections 50]
 */
// deno-lint-ignore-file no-console no-import-prefix
import autocannon from "npm:autocannon@^8";
import { parseArgs } from "node:util";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { values } = parseArgs({
  options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "50" } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string): Promise<Figures> {
  const result = await autocannon({ url, connections, duration, pipelining: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function row(name: string, f: Figures): string {
  return `${name.padEnd(44)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${
    String(f.p50).padStart(3)
  } ms   p99 ${String(f.p99).padStart(3)} ms   errors ${f.errors}`;
}

async function nginx(
  files: Record<string, string>,
): Promise<{ base: string; stop: () => Promise<void> } | undefined> {
  const bin = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
  if (!bin) return undefined;
  const dir = await mkdtemp(join(tmpdir(), "starmap-bench-nginx-"));
  await chmod(dir, 0o755);
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body, { mode: 0o644 });
  const port = 18000 + Math.floor(Math.random() * 1000);
  const conf = `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; default_type application/json; sendfile on; keepalive_requests 100000;
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
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `starmap serve` as its own process (the load generator must not share its event loop). */
async function startServer() {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1", "--port", "0"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/serving on (http:\/\/\S+) /.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`starmap serve did not start:\n${text}`);
    text += value;
  }
  void (async () => {
    while (!(await reader.read()).done);
  })();
  return {
    base: /serving on (http:\/\/\S+) /.exec(text)![1]!,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

const server = await startServer();
const base = server.base;
const single = `${base}/models/openai/gpt-4o`;
const filtered = `${base}/models?provider=anthropic&capability=tools&sort=context&order=desc&limit=20`;
const singleBody = await (await fetch(single)).text();
const filteredBody = await (await fetch(filtered)).text();

console.log(
  `starmap serve benchmark: ${connections} connections, ${duration} s each, 127.0.0.1, ${Deno.version.deno}`,
);
console.log(row("starmap GET /models/openai/gpt-4o", await load(single)));
console.log(row("starmap GET /models?provider=…&limit=20", await load(filtered)));
const ng = await nginx({ "model.json": singleBody, "models.json": filteredBody });
if (ng) {
  const ngSingle = await load(`${ng.base}/model.json`);
  console.log(row("nginx static model.json (same bytes)", ngSingle));
  console.log(row("nginx static models.json (same bytes)", await load(`${ng.base}/models.json`)));
  await ng.stop();
} else console.log("nginx not installed: static baseline skipped");
await server.stop();
