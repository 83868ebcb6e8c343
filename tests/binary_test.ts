import assert from "node:assert/strict";
import { servingOn } from "./helpers/serving.ts";
import { ROOT } from "./helpers/cli.ts";
import { randomBytes, serveRegistry } from "./helpers/weights_server.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const out = await new Deno.Command(cmd, {
    args,
    cwd,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Builds the host binary with Bun and moves it, alone, into an empty directory. */
async function buildBinary(): Promise<{ dir: string; bin: string }> {
  const build = await Deno.makeTempDir({ prefix: "starmap-bin-" });
  const b = await sh(
    Deno.execPath(),
    ["run", "-A", "scripts/compile.ts", "bun", "--host", "--out", build],
    ROOT,
    {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/tmp",
    },
  );
  assert.equal(b.code, 0, b.stderr);
  const [binary] = [...Deno.readDirSync(build)].map((e) => e.name);
  assert.ok(binary?.startsWith("starmap-"), "a binary was built");
  const dir = await Deno.makeTempDir({ prefix: "starmap-run-" });
  await Deno.rename(`${build}/${binary}`, `${dir}/starmap`);
  await Deno.remove(build, { recursive: true });
  return { dir, bin: `${dir}/starmap` };
}

Deno.test({
  name: "the Bun-built host binary works end to end from a directory without the source tree",
  ignore: Deno.build.os === "windows",
  fn: async (t) => {
    const { dir, bin } = await buildBinary();
    const env = { HOME: dir, PATH: "/usr/bin:/bin" };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      sh(bin, args, dir, { ...env, ...extra });

    await t.step("models show and list", async () => {
      const show = await run(["models", "show", "openai/gpt-4o", "-o", "json"]);
      assert.equal(show.code, 0, show.stderr);
      const shown = JSON.parse(show.stdout) as { model: { id: string }; offerings: { provider: string }[] };
      assert.equal(shown.model.id, "openai/gpt-4o");
      assert.ok(shown.offerings.length > 10, "every offering of the model");
      const list = await run([
        "models",
        "list",
        "--offerings",
        "--search",
        "claude",
        "--search",
        "sonnet",
        "-o",
        "json",
      ]);
      assert.ok(JSON.parse(list.stdout).length > 50, "large output arrives whole through a pipe");
      const missing = await run(["models", "show", "nope/nope"]);
      assert.equal(missing.code, 3);
    });

    await t.step("version is stamped", async () => {
      const info = JSON.parse((await run(["version", "-o", "json"])).stdout) as {
        commit: string;
        runtime: string;
      };
      assert.match(info.runtime, /^bun /);
      assert.notEqual(info.commit, "dev");
    });

    await t.step("cost", async () => {
      const cost = await run([
        "cost",
        "openai/gpt-4o",
        "--input",
        "10k",
        "--output-tokens",
        "2k",
        "-o",
        "json",
      ]);
      assert.equal(cost.code, 0, cost.stderr);
      const results: { key: string; total: string }[] = JSON.parse(cost.stdout).results;
      assert.equal(results.find((r) => r.key === "openai/gpt-4o")!.total, "0.045000");
    });

    await t.step("update against a local fake models.dev", async () => {
      const api = await Deno.readTextFile(`${ROOT}tests/fixtures/reconcile/api-2026-05-25.json`);
      const server = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen() {} },
        () => new Response(api, { headers: { "content-type": "application/json" } }),
      );
      const url = `http://127.0.0.1:${server.addr.port}/api.json`;
      const catalogDir = `${dir}/catalog`;
      const args = ["update", "--source", "models.dev", "--models-dev-url", url, "--catalog-dir", catalogDir];
      const dry = await run([...args, "--dry", "-o", "json"]);
      assert.equal(dry.code, 0, dry.stderr);
      assert.equal(JSON.parse(dry.stdout).result, "dry_run");
      const applied = await run([...args, "--yes", "-q"]);
      assert.equal(applied.code, 0, applied.stderr);
      const current = (await Deno.readTextFile(`${catalogDir}/current`)).trim();
      const saved = JSON.parse(
        await Deno.readTextFile(`${catalogDir}/generations/${current}/catalog.json`),
      ) as {
        models: unknown[];
      };
      assert.ok(saved.models.length > 1000);
      // The binary carries the embedded provenance: history works on a fresh install, offline.
      const history = await run(["models", "history", "openai/gpt-4o", "-o", "json"]);
      assert.equal(history.code, 0, history.stderr);
      const after = await run(["models", "list", "-p", "openai", "-o", "json", "--catalog-dir", catalogDir]);
      assert.equal(after.code, 0, after.stderr);
      await server.shutdown();
    });

    await t.step("weights pack, then pull from a local registry", async () => {
      const files = `${dir}/files`;
      await Deno.mkdir(`${files}/sub`, { recursive: true });
      const data = randomBytes(3 * 1024 * 1024 + 17, 7);
      await Deno.writeFile(`${files}/sub/weights.bin`, data);
      await Deno.writeTextFile(`${files}/config.json`, '{"layers": 2}\n');
      const registry = `${dir}/registry`;
      const packed = await run([
        "weights",
        "pack",
        files,
        "--out",
        registry,
        "--ref",
        "acme/tiny",
        "--version",
        "1.0",
        "--chunk-size",
        "1048576",
      ]);
      assert.equal(packed.code, 0, packed.stderr);
      const server = serveRegistry({ dir: registry });
      const models = `${dir}/models`;
      const pull = await run([
        "weights",
        "pull",
        "acme/tiny",
        "1.0",
        "--registry",
        server.url,
        "--models-dir",
        models,
        "--json",
      ]);
      assert.equal(pull.code, 0, pull.stderr);
      const where = (await run(["weights", "path", "acme/tiny", "1.0", "--models-dir", models])).stdout
        .trim();
      assert.deepEqual(await Deno.readFile(`${where}/sub/weights.bin`), data);
      assert.equal(await Deno.readTextFile(`${where}/config.json`), '{"layers": 2}\n');
      await server.close();
    });

    await t.step("serve under Bun: REST, SSE and WebSocket, then SIGTERM", async () => {
      const child = new Deno.Command(bin, {
        args: ["serve", "--port", "0"],
        cwd: dir,
        env,
        clearEnv: true,
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const lines = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
      const { base, said: seen } = await servingOn(lines);
      assert.ok(base, seen);
      const model = await fetch(`${base}/offerings/openai/gpt-4o`);
      const text = await model.text();
      assert.equal(JSON.parse(text).pricing.input, 2.5);
      // The second read is answered from the cache, in the form Bun writes fastest: the same bytes and ETag.
      const again = await fetch(`${base}/offerings/openai/gpt-4o`);
      assert.equal(again.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(again.headers.get("etag"), model.headers.get("etag"));
      assert.equal(await again.text(), text);
      const unchanged = await fetch(`${base}/offerings/openai/gpt-4o`, {
        headers: { "if-none-match": model.headers.get("etag")! },
      });
      assert.equal(unchanged.status, 304);
      await unchanged.body?.cancel();
      const sse = await fetch(`${base}/events`);
      const first = await sse.body!.pipeThrough(new TextDecoderStream()).getReader().read();
      assert.match(first.value ?? "", /event: ready/);
      await sse.body?.cancel().catch(() => {});
      const ws = new WebSocket(`${base.replace("http", "ws")}/ws`);
      const message = await new Promise<string>((resolve, reject) => {
        ws.onmessage = (e) => resolve(String(e.data));
        ws.onerror = () => reject(new Error("websocket failed"));
      });
      assert.match(message, /"type":"ready"/);
      ws.close();
      child.kill("SIGTERM");
      assert.equal((await child.status).code, 0);
      await lines.cancel();
    });

    await Deno.remove(dir, { recursive: true });
  },
});
