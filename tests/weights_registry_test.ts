import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStarmapError } from "../src/errors.ts";
import { WeightsManager } from "../src/weights/_manager.ts";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry, utf8 } from "./helpers/weights_server.ts";

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-registry-"));
}

async function tinyRegistry(): Promise<MemoryRegistry> {
  const reg = new MemoryRegistry();
  await reg.model("acme/good", "1", [["w.bin", randomBytes(5000, 3)]], 1024);
  return reg;
}

Deno.test("a malformed entry of models.json affects only that entry, with a note", async () => {
  const reg = await tinyRegistry();
  const index = JSON.parse(new TextDecoder().decode(reg.objects.get("models.json")!));
  index.acme.bad = { "1": "oops", "2": { hash: 5 }, "3": { alias: ["x"] } };
  index.acme.good["0.9"] = null;
  index.broken = [];
  reg.objects.set("models.json", utf8(JSON.stringify(index)));
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const notes: string[] = [];
    const m = new WeightsManager({
      registryUrl: server.url,
      dataDir: data,
      reporter: { notice: (n) => notes.push(n) },
    });
    assert.equal((await m.pull("acme/good", "1")).status, "installed");
    assert.ok(notes.some((n) => /acme\/bad 1 is malformed/.test(n)), notes.join("\n"));
    assert.ok(notes.some((n) => /group "broken" is malformed/.test(n)), notes.join("\n"));
    const remote = await m.list({ remote: true });
    assert.deepEqual(remote.map((r) => `${r.ref} ${r.version}`), ["acme/good 1"]);
    await assert.rejects(m.pull("acme/bad", "1"), (e: unknown) => isStarmapError(e, "not_found"));
    const cli = await runCli(["weights", "list", "--remote"], cliEnv(data, server.url));
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /acme\/bad 1 is malformed and was skipped/);
    assert.match(cli.stdout, /acme\/good\s+1/);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("credentials in the registry URL authenticate and are never shown", async () => {
  const reg = await tinyRegistry();
  const server = serveRegistry({ objects: reg.objects }, undefined, {
    authorization: `Basic ${btoa("reader:s3cr3t-pass")}`,
  });
  const data = await tempDir();
  try {
    const url = server.url.replace("http://", "http://reader:s3cr3t-pass@");
    const ok = await runCli(["weights", "pull", "acme/good", "1", "--json", "-v"], cliEnv(data, url));
    assert.equal(ok.code, 0, ok.stderr);
    const missing = await runCli(["weights", "pull", "acme/good", "7", "-v"], cliEnv(data, url));
    const gone = await runCli(["weights", "list", "--remote", "-v"], cliEnv(data, `${url}nothing/`));
    assert.equal(gone.code, 5);
    for (const r of [ok, missing, gone]) {
      assert.ok(!`${r.stdout}${r.stderr}`.includes("s3cr3t"), `${r.stdout}${r.stderr}`);
    }
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a registry token is sent as a Bearer token, from --token or STARMAP_REGISTRY_TOKEN, never to another origin", async () => {
  const reg = await tinyRegistry();
  const server = serveRegistry({ objects: reg.objects }, undefined, { authorization: "Bearer tok-123456" });
  const elsewhere = serveRegistry({ objects: reg.objects });
  const hop = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/models.json") {
      return new Response(reg.objects.get("models.json")!.slice(), {
        headers: { "content-type": "application/json" },
      });
    }
    return Response.redirect(`${elsewhere.url}${path.slice(1)}`, 302);
  });
  const data = await tempDir();
  try {
    const refused = await runCli(["weights", "pull", "acme/good", "1"], cliEnv(data, server.url));
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /HTTP 401[\s\S]*--token/);
    const flag = await runCli(
      ["weights", "pull", "acme/good", "1", "--token", "tok-123456", "--json"],
      cliEnv(data, server.url),
    );
    assert.equal(flag.code, 0, flag.stderr);
    await runCli(["weights", "remove", "acme/good", "-y"], cliEnv(data, server.url));
    const env = { ...cliEnv(data, server.url), STARMAP_REGISTRY_TOKEN: "tok-123456" };
    const viaEnv = await runCli(["weights", "pull", "acme/good", "1", "--json"], env);
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.ok(server.log.filter((l) => l.authorization === "Bearer tok-123456").length >= 4);
    const other = await tempDir();
    const hopped = await runCli(
      ["weights", "pull", "acme/good", "1", "--token", "tok-123456"],
      cliEnv(other, `http://127.0.0.1:${hop.addr.port}/`),
    );
    assert.equal(hopped.code, 5, hopped.stderr);
    assert.match(hopped.stderr, /another origin/);
    assert.deepEqual(
      elsewhere.log.filter((l) => l.authorization !== undefined),
      [],
      "the token never left its origin",
    );
    assert.ok(!hopped.stderr.includes("tok-123456"));
    await rm(other, { recursive: true, force: true });
  } finally {
    await server.close();
    await elsewhere.close();
    await hop.shutdown();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a registry URL with a query string keeps its path; secret parameters are redacted", async () => {
  const reg = await tinyRegistry();
  const server = serveRegistry({ objects: reg.objects }, undefined, { prefix: "/v1/" });
  const data = await tempDir();
  try {
    const url = `${server.url}?token=qs-secret-1`;
    const ok = await runCli(["weights", "pull", "acme/good", "1", "--json"], cliEnv(data, url));
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(server.log.some((l) => l.path === "models.json"));
    const bad = await runCli(
      ["weights", "info", "acme/good", "9", "--remote"],
      cliEnv(data, `${server.url}x/?token=qs-secret-1`),
    );
    assert.equal(bad.code, 5);
    assert.ok(!bad.stderr.includes("qs-secret-1"), bad.stderr);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("parallel packs into one registry lose nothing; .starmap inputs are refused", async () => {
  const base = await tempDir();
  try {
    const out = join(base, "registry");
    const versions = ["1", "2", "3", "4"];
    for (const v of versions) {
      await mkdir(join(base, `src${v}`), { recursive: true });
      await writeFile(join(base, `src${v}`, "w.bin"), randomBytes(3000, Number(v)));
    }
    const env = cliEnv(join(base, "models"));
    const runs = await Promise.all(
      versions.map((v) =>
        finish(
          spawnCli([
            "weights",
            "pack",
            join(base, `src${v}`),
            "--out",
            out,
            "--ref",
            "acme/p",
            "--version",
            v,
          ], env),
        )
      ),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const index = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
    assert.deepEqual(Object.keys(index.acme.p).sort(), versions);
    await mkdir(join(base, "src1", ".starmap"));
    await writeFile(join(base, "src1", ".starmap", "manifest.json"), "{}");
    const refused = await runCli([
      "weights",
      "pack",
      join(base, "src1"),
      "--out",
      out,
      "--ref",
      "acme/p",
      "--version",
      "5",
    ], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /\.starmap is reserved/);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});
