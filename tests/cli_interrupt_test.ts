import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, pullStarted, ROOT, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, type RegistryServer, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;
const CHUNKS = 40;
const RESUME_HINT = "hint: run `starmap weights pull acme/big 1` again to resume (verified chunks are kept)";

/** A registry of one model whose chunks are served slowly, so that a pull is still running when it is stopped. */
async function slowRegistry(): Promise<RegistryServer> {
  const reg = new MemoryRegistry();
  await reg.model("acme/big", "1", [["w.bin", randomBytes(CHUNK * CHUNKS, 11)]], CHUNK);
  return serveRegistry(
    { objects: reg.objects },
    (path) =>
      path.startsWith("data/") && reg.objects.get(path)!.length === CHUNK
        ? { kind: "slow", delayMs: 150 }
        : undefined,
  );
}

async function withPull(fn: (server: RegistryServer, data: string) => Promise<void>): Promise<void> {
  const server = await slowRegistry();
  const data = await mkdtemp(join(tmpdir(), "starmap-interrupt-"));
  try {
    await fn(server, data);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
    await rm(`${data}-home`, { recursive: true, force: true });
    await rm(`${data}.pid`, { force: true });
  }
}

Deno.test({
  name: "Ctrl-C during a pull on a terminal: exit 130, the cursor shown again, a resume hint",
  // util-linux `script` gives the CLI a terminal, so that it draws its progress bar.
  ignore: Deno.build.os !== "linux",
  fn: () =>
    withPull(async (server, data) => {
      const pidFile = `${data}.pid`;
      const cli = `${Deno.execPath()} run -A --quiet main.ts weights pull acme/big 1 --concurrency 1`;
      const child = new Deno.Command("script", {
        args: ["-q", "-e", "-c", `echo $$ > '${pidFile}'; exec ${cli}`, "/dev/null"],
        cwd: ROOT,
        clearEnv: true,
        env: { ...cliEnv(data, server.url), PATH: "/usr/bin:/bin" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      await pullStarted(data);
      Deno.kill(Number((await readFile(pidFile, "utf8")).trim()), "SIGINT");
      const { code, stdout } = await finish(child);
      assert.equal(code, 130, stdout);
      const hidden = stdout.indexOf("\x1b[?25l");
      const shown = stdout.lastIndexOf("\x1b[?25h");
      assert.ok(hidden >= 0, "the bar hid the cursor");
      assert.ok(shown > hidden, "the cursor is shown again");
      const message = stdout.indexOf("starmap: interrupted by SIGINT");
      assert.ok(message > shown, "the message comes after the bar is cleared");
      assert.ok(stdout.includes(RESUME_HINT), stdout);
    }),
});

Deno.test("a pull stopped by a signal without a terminal exits 130 or 143 and says how to resume", () =>
  withPull(async (server, data) => {
    const env = cliEnv(data, server.url);
    for (const [signal, expected] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      const child = spawnCli(["weights", "pull", "acme/big", "1", "--concurrency", "1"], env);
      await pullStarted(data);
      child.kill(signal);
      const { code, stderr, stdout } = await finish(child);
      assert.equal(code, expected, stderr);
      assert.equal(stdout, "");
      assert.ok(stderr.includes(`starmap: interrupted by ${signal}\n${RESUME_HINT}\n`), stderr);
      assert.ok(!stderr.includes("\x1b["), "no bar without a terminal");
      await rm(join(data, ".staging"), { recursive: true, force: true });
    }
  }));
