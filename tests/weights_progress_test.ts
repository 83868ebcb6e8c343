import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

Deno.test("without a terminal, a pull prints a plain progress line every few seconds on stderr", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/log", "1", [["w.bin", randomBytes(20 * 4096, 5)]], 4096);
  const server = serveRegistry(
    { objects: reg.objects },
    (path) => reg.objects.get(path)?.length === 4096 ? { kind: "slow", delayMs: 80 } : undefined,
  );
  const data = await mkdtemp(join(tmpdir(), "starmap-progress-"));
  try {
    const env = { ...cliEnv(data, server.url), STARMAP_PROGRESS_INTERVAL: "300" };
    const r = await runCli(["weights", "pull", "acme/log", "1", "--concurrency", "1", "-v"], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("pull acme/log 1: "));
    assert.ok(lines.length >= 3, r.stderr);
    assert.match(
      lines[0]!,
      /^pull acme\/log 1: chunks \d+% [\d.]+ (B|KiB) of 80\.0 KiB, [\d.]+ (B|KiB|MiB)\/s, ETA /,
    );
    // The last line sums the pull up: the time it took and its average speed (never "0 B/s").
    assert.match(lines.at(-1)!, /done 100% 80\.0 KiB of 80\.0 KiB in \d\d:\d\d, [\d.]+ (KiB|MiB)\/s$/);
    assert.ok(!r.stderr.includes("\u001b"), "no terminal escapes in logs");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("an interval that is not a positive number falls back to the default", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/log", "1", [["w.bin", randomBytes(8 * 4096, 5)]], 4096);
  const server = serveRegistry(
    { objects: reg.objects },
    (path) => reg.objects.get(path)?.length === 4096 ? { kind: "slow", delayMs: 60 } : undefined,
  );
  const data = await mkdtemp(join(tmpdir(), "starmap-progress-"));
  try {
    const env = { ...cliEnv(data, server.url), STARMAP_PROGRESS_INTERVAL: "-5" };
    const r = await runCli(["weights", "pull", "acme/log", "1", "--concurrency", "1"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /Warning/);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("pull acme/log 1: "));
    assert.deepEqual(lines.map((l) => l.split(" ")[3]), ["done"], "the pull is shorter than 5 s: one line");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("--json errors are JSON on stdout with the exit code's name", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(100, 5)]], 64);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-progress-"));
  try {
    const env = cliEnv(data, server.url);
    const cases: [string[], string, number][] = [
      [["pull", "acme/tinny", "1"], "notFound", 3],
      [["path", "acme/tiny", "1"], "notInstalled", 4],
      [["pull", "nope", "1"], "invalid", 2],
    ];
    for (const [args, code, exit] of cases) {
      const r = await runCli(["weights", ...args, "--json"], env);
      assert.equal(r.code, exit, r.stderr);
      const error = JSON.parse(r.stdout).error;
      assert.equal(error.code, code);
      assert.equal(error.exitCode, exit);
      assert.equal(typeof error.message, "string");
    }
    const near =
      JSON.parse((await runCli(["weights", "pull", "acme/tinny", "1", "--json"], env)).stdout).error;
    assert.deepEqual(near.suggestions, ["acme/tiny"]);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
