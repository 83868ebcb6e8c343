import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli as runCliWith } from "./helpers/cli.ts";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry, utf8 } from "./helpers/weights_server.ts";

async function withRegistry(
  fn: (
    ctx: { url: string; reg: string; src: string; data: string; env: Record<string, string> },
  ) => Promise<void>,
): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), "starmap-cli-"));
  const src = join(base, "src");
  const reg = join(base, "registry");
  const data = join(base, "models");
  await Deno.mkdir(join(src, "nested", "dir"), { recursive: true });
  await writeFile(join(src, "config.json"), '{"a":1}\n');
  await writeFile(join(src, "nested", "dir", "w.bin"), randomBytes(5000, 5));
  await writeFile(join(src, "nested", "empty"), new Uint8Array(0));
  const server = serveRegistry({ dir: reg });
  try {
    const packed = await runCli(
      [
        "weights",
        "pack",
        src,
        "--out",
        reg,
        "--ref",
        "acme/tiny",
        "--version",
        "1.0",
        "--chunk-size",
        "1024",
        "--alias",
        "latest",
        "--json",
      ],
      cliEnv(data),
    );
    assert.equal(packed.code, 0, packed.stderr);
    assert.equal(JSON.parse(packed.stdout).fileCount, 3);
    await fn({ url: server.url, reg, src, data, env: cliEnv(data, server.url) });
  } finally {
    await server.close();
    await rm(base, { recursive: true, force: true });
  }
}

Deno.test("weights CLI: pull, list, info, path, update --apply, remove, prune", async () => {
  await withRegistry(async ({ src, reg, data, env }) => {
    const pulled = await runCli(["weights", "pull", "acme/tiny", "latest", "--json"], env);
    assert.equal(pulled.code, 0, pulled.stderr);
    const result = JSON.parse(pulled.stdout);
    assert.equal(result.status, "installed");
    assert.equal(result.path, join(data, "acme", "tiny", "1.0"));
    assert.ok(!pulled.stderr.includes("\u001b"), "no terminal bar without a terminal, only plain lines");
    assert.deepEqual(
      new Uint8Array(await readFile(join(result.path, "nested", "dir", "w.bin"))),
      new Uint8Array(await readFile(join(src, "nested", "dir", "w.bin"))),
    );
    const list = await runCli(["weights", "list", "--json"], env);
    assert.deepEqual(
      JSON.parse(list.stdout).map((i: { ref: string; version: string }) => `${i.ref}@${i.version}`),
      [
        "acme/tiny@1.0",
      ],
    );
    const table = await runCli(["weights", "list"], env);
    assert.match(table.stdout, /^MODEL\s+VERSION\s+SIZE/);
    assert.match(table.stdout, /acme\/tiny\s+1\.0\s+4\.9 KiB\s+3/);
    const path = await runCli(["weights", "path", "acme/tiny", "1.0"], env);
    assert.equal(path.stdout, `${result.path}\n`);
    const info = await runCli(["weights", "info", "acme/tiny", "latest", "--remote", "--json"], env);
    assert.deepEqual(JSON.parse(info.stdout).files.map((f: { path: string }) => f.path), [
      "config.json",
      "nested/dir/w.bin",
      "nested/empty",
    ]);
    const fresh = await runCli(["weights", "update", "--json"], env);
    assert.equal(JSON.parse(fresh.stdout).status[0].updateAvailable, false);
    // republish 1.0 with other content: update sees it, --apply pulls it and reports it updated
    const republish = async (config: string) => {
      await writeFile(join(src, "config.json"), config);
      const args = [
        "pack",
        src,
        "--out",
        reg,
        "--ref",
        "acme/tiny",
        "--version",
        "1.0",
        "--chunk-size",
        "1024",
      ];
      const refusedPack = await runCli(["weights", ...args], env);
      assert.equal(
        refusedPack.code,
        2,
        "a published version is not replaced by other content without --force",
      );
      assert.match(refusedPack.stderr, /already published with another manifest[\s\S]*--force/);
      const repacked = await runCli(["weights", ...args, "--force"], env);
      assert.equal(repacked.code, 0, repacked.stderr);
    };
    await republish('{"a":3}\n');
    const stale = await runCli(["weights", "update", "acme/tiny"], env);
    assert.match(stale.stdout, /acme\/tiny\s+1\.0\s+update available/);
    const appliedText = await runCli(["weights", "update", "acme/tiny", "1.0", "--apply"], env);
    assert.equal(appliedText.code, 0, appliedText.stderr);
    assert.match(appliedText.stdout, /acme\/tiny\s+1\.0\s+updated\s*$/m);
    assert.doesNotMatch(appliedText.stdout, /update available/);
    assert.match(appliedText.stderr, /updated acme\/tiny 1\.0 to manifest [0-9a-f]{12}: 1 chunk fetched/);
    assert.equal(await readFile(join(result.path, "config.json"), "utf8"), '{"a":3}\n');
    await republish('{"a":2}\n');
    const before = JSON.parse((await runCli(["weights", "update", "--json"], env)).stdout).status[0];
    assert.equal(before.updateAvailable, true);
    const applied = await runCli(["weights", "update", "acme/tiny", "1.0", "--apply", "--json"], env);
    assert.equal(applied.code, 0, applied.stderr);
    const report = JSON.parse(applied.stdout);
    assert.equal(report.applied.length, 1);
    const newHash = report.applied[0].manifestHash;
    assert.deepEqual(
      report.status[0],
      {
        ref: "acme/tiny",
        version: "1.0",
        installedHash: newHash,
        remoteHash: newHash,
        previousHash: before.installedHash,
        updateAvailable: false,
        updated: true,
      },
      "the status after --apply is the state once updated",
    );
    assert.equal(newHash, before.remoteHash);
    assert.equal(await readFile(join(result.path, "config.json"), "utf8"), '{"a":2}\n');
    const refused = await runCli(["weights", "remove", "acme/tiny"], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /pass -y/);
    const removed = await runCli(["weights", "remove", "acme/tiny", "1.0", "-y", "--json"], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(JSON.parse(removed.stdout).removed[0].version, "1.0");
    const empty = await runCli(["weights", "list", "--json"], env);
    assert.deepEqual(JSON.parse(empty.stdout), []);
    const prune = await runCli(["weights", "prune"], env);
    assert.equal(prune.code, 2);
    const pruned = await runCli(["weights", "prune", "-y", "--json"], env);
    assert.deepEqual(JSON.parse(pruned.stdout), { files: 0, staging: 0, bytes: 0 });
  });
});

Deno.test("weights CLI exit codes: 2, 3, 4, 5, 6, 7", async () => {
  await withRegistry(async ({ url, data, env }) => {
    const cases: [string[], number, RegExp, Record<string, string>?][] = [
      [["weights", "pull", "no-slash", "1"], 2, /not a model reference/],
      [["weights", "pull", "acme/tiny", "1.0", "--concurrency", "99"], 2, /--concurrency/],
      [["weights", "pull", "acme/tinny", "1.0"], 3, /not in the registry[\s\S]*acme\/tiny/],
      [["weights", "pull", "acme/tiny", "9.9"], 3, /version 9\.9/],
      [["weights", "path", "acme/tiny", "1.0"], 4, /not installed/],
      [["weights", "remove", "acme/tiny", "-y"], 4, /no version of acme\/tiny is installed/],
      [["weights", "list", "--remote", "--registry", `${url}missing/`], 5, /HTTP 404/],
      [
        [
          "weights",
          "pull",
          "acme/tiny",
          "1.0",
          "--registry",
          url,
          "--models-dir",
          join(data, "..", "file", "models"),
        ],
        7,
        /cannot/,
      ],
      [["weights", "list", "--remote"], 2, /no weights registry/, cliEnv(data)],
      [
        ["weights", "pull", "acme/tiny", "1.0"],
        2,
        /env STARMAP_CONCURRENCY: expected a whole number from 1 to 16, got "abc"/,
        { ...env, STARMAP_CONCURRENCY: "abc" },
      ],
    ];
    await writeFile(join(data, "..", "file"), "a regular file, not a directory\n");
    for (const [args, code, pattern, customEnv] of cases) {
      const r = await runCli(args, customEnv ?? env);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, pattern, args.join(" "));
    }
  });
  // 6: an unsafe path in a manifest
  const reg = new MemoryRegistry();
  const c = await reg.chunk(utf8("x"));
  await reg.manifest("acme/evil", "1", {
    total_size: 1,
    chunk_size: 1,
    chunks: [c],
    files: [{ path: "../x", size: 1 }],
  });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-cli-"));
  try {
    const r = await runCli(["weights", "pull", "acme/evil", "1"], cliEnv(data, server.url));
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /unsafe path in manifest: "\.\.\/x"/);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("weights settings: flag > environment > config file", async () => {
  await withRegistry(async ({ url, data }) => {
    const env = cliEnv(data);
    const configDir = join(env.XDG_CONFIG_HOME!, "starmap");
    await Deno.mkdir(configDir, { recursive: true });
    await writeFile(join(configDir, "config.yaml"), `weights:\n  registry: ${url}\n  concurrency: 2\n`);
    const fromConfig = await runCli(["weights", "list", "--remote", "--json"], env);
    assert.equal(fromConfig.code, 0, fromConfig.stderr);
    assert.equal(JSON.parse(fromConfig.stdout)[0].ref, "acme/tiny");
    const envWins = await runCli(["weights", "list", "--remote"], {
      ...env,
      STARMAP_REGISTRY_URL: `${url}nope/`,
    });
    assert.equal(envWins.code, 5, envWins.stderr);
    const flagWins = await runCli(
      ["weights", "list", "--remote", "--json", "--registry", url],
      { ...env, STARMAP_REGISTRY_URL: `${url}nope/` },
    );
    assert.equal(flagWins.code, 0, flagWins.stderr);
    await writeFile(join(configDir, "config.yaml"), "weights:\n  concurrency: 99\n");
    const bad = await runCli(["weights", "list"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /weights\.concurrency/);
  });
});

Deno.test("weights with --allow-net only: remote commands work, local ones ask for --models-dir", async () => {
  await withRegistry(async ({ url }) => {
    const netOnly = { permissions: ["--allow-net"] };
    const remote = await runCliWith(["weights", "list", "--remote", "--registry", url, "--json"], netOnly);
    assert.equal(remote.code, 0, remote.stderr);
    assert.deepEqual(
      JSON.parse(remote.stdout).map((r: { ref: string; version: string }) => `${r.ref}@${r.version}`),
      ["acme/tiny@1.0", "acme/tiny@latest"],
    );
    const info = await runCliWith(
      ["weights", "info", "acme/tiny", "latest", "--remote", "--registry", url, "--json"],
      netOnly,
    );
    assert.equal(info.code, 0, info.stderr);
    assert.equal(JSON.parse(info.stdout).files.length, 3);
    const local = await runCliWith(["weights", "list"], netOnly);
    assert.equal(local.code, 2, local.stderr);
    assert.match(local.stderr, /environment access is not granted/);
    assert.match(local.stderr, /--models-dir <dir> and grant --allow-read and --allow-write/);
    assert.doesNotMatch(local.stderr, /STARMAP_MODELS_DIR|at file:/);
  });
});
