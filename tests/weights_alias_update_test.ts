/**
 * `weights update` without a version (every model, or one model) follows the local aliases a pull recorded: a
 * `latest` that moved in the registry is reported, and `--apply` pulls what it points to now.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

Deno.test("update of every model, or of one model, reports a local alias that moved and --apply follows it", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(3000, 1)]], 1024);
  await reg.model("acme/tiny", "2", [["w.bin", randomBytes(3000, 2)]], 1024);
  reg.entry("acme/tiny", "latest", { alias: "1" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-alias-update-"));
  try {
    const env = cliEnv(data, server.url);
    assert.equal((await runCli(["weights", "pull", "acme/tiny", "latest", "-q"], env)).code, 0);
    const still = await runCli(["weights", "update", "--json"], env);
    assert.equal(still.code, 0, still.stderr);
    assert.deepEqual(
      JSON.parse(still.stdout).status.map((s: { updateAvailable: boolean }) => s.updateAvailable),
      [false],
      "an alias that did not move adds nothing",
    );

    reg.entry("acme/tiny", "latest", { alias: "2" });
    for (const args of [["update"], ["update", "acme/tiny"]]) {
      const r = await runCli(["weights", ...args, "--json"], env);
      assert.equal(r.code, 0, r.stderr);
      const moved = JSON.parse(r.stdout).status.filter((s: { alias?: string }) => s.alias === "latest");
      assert.equal(moved.length, 1, `${args.join(" ")}: ${r.stdout}`);
      assert.equal(moved[0].version, "1");
      assert.equal(moved[0].remoteVersion, "2");
      assert.equal(moved[0].updateAvailable, true);
    }
    const table = await runCli(["weights", "update"], env);
    assert.match(table.stdout, /acme\/tiny\s+1 \(latest\)\s+latest moved to 2/);

    const applied = await runCli(["weights", "update", "--apply", "--json"], env);
    assert.equal(applied.code, 0, applied.stderr);
    assert.deepEqual(JSON.parse(applied.stdout).applied.map((p: { version: string }) => p.version), ["2"]);
    const path = await runCli(["weights", "path", "acme/tiny", "latest"], env);
    assert.equal(path.stdout.trim(), join(data, "acme", "tiny", "2"));
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("remove follows a local alias as path and info do", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(3000, 1)]], 1024);
  reg.entry("acme/tiny", "latest", { alias: "1" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-alias-remove-"));
  try {
    const env = cliEnv(data, server.url);
    assert.equal((await runCli(["weights", "pull", "acme/tiny", "latest", "-q"], env)).code, 0);
    const removed = await runCli(["weights", "remove", "acme/tiny", "latest", "-y", "--json"], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(JSON.parse(removed.stdout).removed.map((r: { version: string }) => r.version), ["1"]);
    assert.equal(
      (await runCli(["weights", "path", "acme/tiny", "latest"], env)).code,
      4,
      "the alias went with it",
    );
    assert.deepEqual(JSON.parse((await runCli(["weights", "list", "--json"], env)).stdout), []);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("an alias to a version the registry lacks is named with its model", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(100, 1)]], 64);
  reg.entry("acme/tiny", "broken", { alias: "nope" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-alias-missing-"));
  try {
    const r = await runCli(["weights", "pull", "acme/tiny", "broken"], cliEnv(data, server.url));
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      /^starmap: alias broken of acme\/tiny points to version nope, which is not in the registry$/m,
    );
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
