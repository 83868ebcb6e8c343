/**
 * The same locks for every runtime: the Bun-built binary and `deno run` pulling one model at once download it once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, ROOT, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;
const CHUNKS = 40;

/** Builds the host binary with Bun (`scripts/compile.ts bun --host`) into `dir`; returns its path. */
async function buildBunBinary(dir: string): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/compile.ts", "bun", "--host", "--out", dir],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const [name] = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.startsWith("starmap-"));
  assert.ok(name, "a binary was built");
  return join(dir, name);
}

/** Verified chunks in the journals of the staged pulls under `data`. */
async function journalLines(data: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(join(data, ".staging")).catch(() => [] as string[])) {
    const text = await readFile(join(data, ".staging", name, "journal"), "utf8").catch(() => "");
    n += text.split("\n").filter((l) => l.startsWith('{"c":')).length;
  }
  return n;
}

/** Collects a child's output, calling `onSeen` once its stderr matches `pattern`. */
async function outputOf(
  child: Deno.ChildProcess,
  pattern: RegExp,
  onSeen: () => void,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Response(child.stdout).text();
  let stderr = "";
  let seen = false;
  for await (const text of child.stderr.pipeThrough(new TextDecoderStream())) {
    stderr += text;
    if (!seen && pattern.test(stderr)) {
      seen = true;
      onSeen();
    }
  }
  if (!seen) onSeen();
  return { code: (await child.status).code, stdout: await stdout, stderr };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

Deno.test({
  name: "a pull by the Bun binary and one by deno run of the same model at once: only one downloads it",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const base = await mkdtemp(join(tmpdir(), "starmap-runtimes-"));
    const reg = new MemoryRegistry();
    const bytes = randomBytes(CHUNK * CHUNKS, 5);
    await reg.model("acme/shared", "1", [["w.bin", bytes]], CHUNK);
    const chunkPaths = [...reg.objects.keys()].filter((k) => k.startsWith("data/") && k.length > 60)
      .filter((k) => reg.objects.get(k)!.length === CHUNK);
    // Chunks are slow until the second pull says it waits: the first is still downloading when the second starts,
    // however slowly the machine starts processes.
    const slow = (path: string) =>
      chunkPaths.includes(path) ? { kind: "slow" as const, delayMs: 400 } : undefined;
    const server = serveRegistry({ objects: reg.objects }, slow);
    try {
      const bin = await buildBunBinary(join(base, "bin"));
      const version = JSON.parse(
        new TextDecoder().decode(
          (await new Deno.Command(bin, { args: ["version", "-o", "json"] }).output()).stdout,
        ),
      );
      assert.match(version.runtime, /^bun /, "the binary runs on Bun");
      const args = ["weights", "pull", "acme/shared", "1", "--concurrency", "2", "--json"];
      const runBun = (env: Record<string, string>) =>
        new Deno.Command(bin, { args, env, clearEnv: true, stdin: "null", stdout: "piped", stderr: "piped" })
          .spawn();
      const runDeno = (env: Record<string, string>) => spawnCli(args, env);
      for (const [first, second] of [[runBun, runDeno], [runDeno, runBun]] as const) {
        const data = join(base, `models-${first === runBun ? "bun" : "deno"}-first`);
        const env = cliEnv(data, server.url);
        const before = new Map(chunkPaths.map((p) => [p, server.count(p)]));
        server.setFaults(slow);
        const one = first(env);
        await until(async () => (await journalLines(data)) >= 1, "the first pull to be downloading");
        const two = second(env);
        const [a, b] = await Promise.all([
          finish(one),
          outputOf(two, /waiting for .*pull acme\/shared 1/, () => server.setFaults(undefined)),
        ]);
        assert.equal(a.code, 0, a.stderr);
        assert.equal(b.code, 0, b.stderr);
        assert.equal(JSON.parse(a.stdout).status, "installed");
        assert.equal(JSON.parse(b.stdout).status, "already_installed");
        assert.match(b.stderr, /waiting for .*pull acme\/shared 1/, "the second says whom it waits for");
        for (const path of chunkPaths) {
          assert.equal(server.count(path) - before.get(path)!, 1, `${path} fetched more than once`);
        }
        assert.deepEqual(new Uint8Array(await readFile(join(data, "acme", "shared", "1", "w.bin"))), bytes);
      }
    } finally {
      await server.close();
      await rm(base, { recursive: true, force: true });
    }
  },
});
