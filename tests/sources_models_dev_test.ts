import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OfferingRecord } from "../src/catalog/_schema.ts";
import { HttpClient } from "../src/http/_client.ts";
import { readTar } from "../src/sources/archive/_tar.ts";
import { readArchiveTree } from "../src/sources/models_dev/_archive.ts";
import { documentFromTree } from "../src/sources/models_dev/_archive_tree.ts";
import { ModelsDevArchiveSource } from "../src/sources/models_dev/_archive.ts";
import { ModelsDevSource } from "../src/sources/models_dev/_http.ts";
import { embeddedCatalog } from "../src/catalog/mod.ts";
import { sync } from "../src/sync/_pipeline.ts";
import { fixture, serve } from "./helpers/sources_server.ts";

const http = () => new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 20_000 });
const signal = () => new AbortController().signal;
const tarball = new URL("./fixtures/sources/models.dev/models.dev-f3fc692.tar.gz", import.meta.url);

Deno.test("models.dev over HTTP: parses the real api.json and revalidates with ETag (304 → cached body)", async () => {
  const body = await fixture("models.dev/api.json");
  const up = serve((req) =>
    req.headers.get("if-none-match") === '"v1"'
      ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
      : new Response(body, { headers: { etag: '"v1"', "content-type": "application/json" } })
  );
  const cacheDir = await mkdtemp(join(tmpdir(), "starmap-cache-"));
  try {
    const source = new ModelsDevSource({ http: http(), url: `${up.url}/api.json`, cacheDir });
    const first = await source.fetch({ signal: signal() });
    assert.equal(first.providers.length, 147);
    assert.equal(first.offerings.length, 5276);
    assert.equal(first.complete.length, 147);
    const gpt4o = first.offerings.find((m) => m.provider === "openai" && m.id === "gpt-4o")!;
    assert.deepEqual(gpt4o.pricing, { input: 2.5, output: 10, cacheRead: 1.25 });
    assert.deepEqual(gpt4o.authors, ["openai"]);
    const second = await source.fetch({ signal: signal() });
    const apiRequests = up.requests.filter((r) => new URL(r.url).pathname === "/api.json");
    assert.equal(apiRequests[1]!.headers.get("if-none-match"), '"v1"');
    assert.ok(second.notes.some((n) => n.includes("not modified")));
    assert.deepEqual(second.offerings, first.offerings);
  } finally {
    await up.close();
    await rm(cacheDir, { recursive: true });
  }
});

Deno.test("models.dev over HTTP: models.json beside api.json fills the author-level models, revalidated by ETag", async () => {
  // The two real documents of one models.dev commit, each with its own validator.
  const api = await fixture("models.dev/api.json");
  const models = await fixture("models.dev/models.json");
  const up = serve((req) => {
    const path = new URL(req.url).pathname;
    const [body, tag] = path === "/api.json"
      ? [api, '"api"']
      : path === "/models.json"
      ? [models, '"models"']
      : [];
    if (!body) return new Response("not found", { status: 404 });
    if (req.headers.get("if-none-match") === tag) {
      return new Response(null, { status: 304, headers: { etag: tag! } });
    }
    return new Response(body, { headers: { etag: tag!, "content-type": "application/json" } });
  });
  const cacheDir = await mkdtemp(join(tmpdir(), "starmap-cache-"));
  try {
    const source = new ModelsDevSource({ http: http(), url: `${up.url}/api.json`, cacheDir });
    const first = await source.fetch({ signal: signal() });
    assert.equal(first.models?.length, 231);
    const sonnet = first.models!.find((m) => m.id === "anthropic/claude-sonnet-4-5")!;
    assert.equal(sonnet.name, "Claude Sonnet 4.5 (latest)");
    assert.equal(first.offerings.length, 5276);
    const second = await source.fetch({ signal: signal() });
    const last = up.requests.filter((r) => new URL(r.url).pathname === "/models.json").at(-1)!;
    assert.equal(last.headers.get("if-none-match"), '"models"');
    assert.ok(second.notes.some((n) => n.includes("models.json not modified")));
    assert.deepEqual(second.models, first.models);
  } finally {
    await up.close();
    await rm(cacheDir, { recursive: true });
  }
});

Deno.test("models.dev over HTTP: a server without models.json is still a whole source, with a note", async () => {
  const api = await fixture("models.dev/api.json");
  const up = serve((req) =>
    new URL(req.url).pathname === "/api.json" ? new Response(api) : new Response("no", { status: 404 })
  );
  try {
    const result = await new ModelsDevSource({ http: http(), url: `${up.url}/api.json` }).fetch({
      signal: signal(),
    });
    assert.equal(result.offerings.length, 5276);
    assert.equal(result.models, undefined);
    assert.ok(result.notes.some((n) => n.includes("author-level models not read") && n.includes("404")));
  } finally {
    await up.close();
  }
});

function key(m: OfferingRecord) {
  return `${m.provider}/${m.id}`;
}

Deno.test("models.dev archive: streamed from a server, agrees with api.json on every model", async () => {
  const bytes = await Deno.readFile(tarball);
  const up = serve((req) => {
    assert.equal(new URL(req.url).pathname, "/tar.gz/f3fc692");
    return new Response(bytes, { headers: { "content-type": "application/gzip" } });
  });
  try {
    const archive = await new ModelsDevArchiveSource({
      http: http(),
      url: `${up.url}/tar.gz/{ref}`,
      ref: "f3fc692",
    })
      .fetch({ signal: signal() });
    const apiUp = serve(async () => new Response(await fixture("models.dev/api.json")));
    const api = await new ModelsDevSource({ http: http(), url: apiUp.url }).fetch({ signal: signal() });
    await apiUp.close();
    // Documented difference: none in this snapshot. The archive holds 148 provider folders; one has no
    // provider.toml, and 31 links are dangling (reported in notes), exactly what api.json leaves out.
    assert.deepEqual(archive.providers.map((p) => p.id), api.providers.map((p) => p.id));
    assert.deepEqual(archive.providers, api.providers);
    const perProvider = (ms: OfferingRecord[]) => {
      const out: Record<string, number> = {};
      for (const m of ms) out[m.provider] = (out[m.provider] ?? 0) + 1;
      return out;
    };
    assert.deepEqual(perProvider(archive.offerings), perProvider(api.offerings));
    const byKey = new Map(api.offerings.map((m) => [key(m), m]));
    let differentAuthors = 0;
    for (const m of archive.offerings) {
      const other = byKey.get(key(m))!;
      const { authors: a, ...restA } = m;
      const { authors: b, ...restB } = other;
      assert.deepEqual(restA, restB, key(m));
      if (JSON.stringify(a) !== JSON.stringify(b)) differentAuthors++;
    }
    // The archive knows each base model's lab (models/<lab>/), so it attributes more models than api.json can.
    assert.ok(differentAuthors < archive.offerings.length / 10, `${differentAuthors} differ in authors`);
    const gpt4o = archive.offerings.find((m) => key(m) === "openai/gpt-4o")!;
    assert.deepEqual(gpt4o.pricing, { input: 2.5, output: 10, cacheRead: 1.25 });
    assert.deepEqual(gpt4o.limits, { context: 128000, output: 16384 });
    const bedrock = archive.offerings.find((m) => key(m) === "amazon-bedrock/openai.gpt-5.4")!;
    assert.equal(bedrock.name, "GPT-5.4", "inherited from models/openai/gpt-5.4.toml");
    assert.deepEqual(
      bedrock.limits,
      { context: 272000, output: 128000 },
      "base_model_omit drops limit.input",
    );
    assert.equal(archive.notes.filter((n) => n.includes("dangling link")).length, 31);
    // The author level and the curated links: models/<lab>/<model>.toml and each provider file's base_model.
    const gpt54 = archive.models?.find((m) => m.id === "openai/gpt-5.4");
    assert.equal(gpt54?.name, "GPT-5.4");
    assert.deepEqual(gpt54?.authors, ["openai"]);
    assert.equal(archive.hints?.["amazon-bedrock/openai.gpt-5.4"]?.baseModel, "openai/gpt-5.4");
    assert.ok(Object.keys(archive.hints ?? {}).length > 1000, "the curated base_model links");
    // The labs/ layer: one logo.svg per lab folder (16 in this snapshot), each on its author's record.
    const logos = archive.authors.filter((a) => a.logo);
    assert.equal(logos.length, 16);
    assert.ok(logos.every((a) => a.logo!.startsWith("<svg") && a.logo!.endsWith("</svg>")));
    assert.ok(archive.authors.find((a) => a.id === "anthropic")?.logo);
    // All three layers reach the reconciled catalog: offerings, author-level models and lab logos.
    const source = {
      id: "models.dev-archive",
      kind: "models_dev" as const,
      fetch: () => Promise.resolve(archive),
    };
    const { data } = await sync({ sources: [source], dryRun: true, baseline: embeddedCatalog() });
    assert.equal(data.authors.filter((a) => a.logo).length, 16);
    assert.equal(
      data.authors.find((a) => a.id === "xai")?.logo,
      archive.authors.find((a) => a.id === "xai")?.logo,
    );
    assert.equal(data.models.find((m) => m.id === "openai/gpt-5.4")?.name, "GPT-5.4");
  } finally {
    await up.close();
  }
});

/** A minimal ustar writer for hostile archives. */
function tar(entries: { name: string; type?: string; link?: string; data?: string }[]): Uint8Array {
  const enc = new TextEncoder();
  const blocks: Uint8Array[] = [];
  for (const e of entries) {
    const data = enc.encode(e.data ?? "");
    const h = new Uint8Array(512);
    const put = (s: string, at: number) => h.set(enc.encode(s), at);
    put(e.name, 0);
    put("0000644\0", 100);
    put(data.length.toString(8).padStart(11, "0") + "\0", 124);
    put("00000000000\0", 136);
    put(e.type ?? "0", 156);
    put(e.link ?? "", 157);
    put("ustar\0" + "00", 257);
    put("        ", 148);
    const sum = h.reduce((a, b) => a + b, 0);
    put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(h);
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function gzipStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
}

Deno.test("archive: links outside the tree, absolute paths and .. entries are refused; links resolve inside", async () => {
  const provider = 'name = "Acme"\nenv = ["ACME_KEY"]\n';
  const model = 'name = "Acme One"\n[limit]\ncontext = 1000\noutput = 100\n';
  const bytes = tar([
    { name: "top/providers/acme/provider.toml", data: provider },
    { name: "top/providers/acme/models/one.toml", data: model },
    { name: "top/providers/acme/models/alias.toml", type: "2", link: "one.toml" },
    { name: "top/providers/acme/models/escape.toml", type: "2", link: "../../../../etc/passwd" },
    { name: "top/providers/acme/models/abs.toml", type: "2", link: "/etc/passwd" },
    { name: "top/providers/acme/models/gone.toml", type: "2", link: "../../other/models/gone.toml" },
    { name: "/etc/cron.d/evil.toml", data: "x = 1" },
    { name: "top/../../evil.toml", data: "x = 1" },
  ]);
  const notes: string[] = [];
  const tree = await readArchiveTree(gzipStream(bytes), notes);
  const doc = documentFromTree(tree);
  const models = Object.keys(doc.api.acme!.models as object).sort();
  assert.deepEqual(models, ["alias", "one"]);
  const all = [...notes, ...doc.notes].join("\n");
  assert.match(all, /"\/etc\/cron\.d\/evil\.toml" refused/);
  assert.match(all, /"top\/\.\.\/\.\.\/evil\.toml" refused/);
  assert.match(all, /escape\.toml: link target .* leaves the archive/);
  assert.match(all, /abs\.toml: absolute link target \/etc\/passwd refused/);
  assert.match(all, /gone\.toml: dangling link/);
});

Deno.test("tar reader: pax and GNU long names, and a truncated stream is an error", async () => {
  const long = `top/${"d".repeat(120)}/file.txt`;
  const body = ` path=${long}\n`;
  const pax = `${body.length + String(body.length + 3).length}${body}`;
  const bytes = tar([
    { name: "././@PaxHeader", type: "x", data: pax },
    { name: "short-name", data: "hello" },
    { name: "././@LongLink", type: "L", data: `${long}2\0` },
    { name: "short2", data: "world" },
  ]);
  const seen: [string, string][] = [];
  for await (const e of readTar(new Blob([bytes as BlobPart]).stream())) {
    seen.push([e.path, new TextDecoder().decode(await e.bytes())]);
  }
  assert.deepEqual(seen, [[long, "hello"], [`${long}2`, "world"]]);
  const truncated = bytes.slice(0, 700);
  await assert.rejects(async () => {
    for await (const e of readTar(new Blob([truncated as BlobPart]).stream())) await e.bytes();
  }, /truncated tar stream/);
});

Deno.test("models.dev: 302ai keeps its key variable; an experimental priority mode becomes the priority rate", async () => {
  const { devApiResult } = await import("../src/sources/models_dev/_records.ts");
  const { parseDevApi } = await import("../src/sources/models_dev/_parse.ts");
  const raw = JSON.parse(await fixture("models.dev/api.json"));
  const result = devApiResult(parseDevApi(raw, "models.dev", []));
  const p302 = result.providers.find((p) => p.id === "302ai")!;
  assert.deepEqual(p302.env, ["302AI_API_KEY"]);
  const gpt = result.offerings.find((o) => o.provider === "openai" && o.id === "gpt-5.4")!;
  assert.deepEqual(gpt.pricing?.priority, { input: 5, output: 30, cacheRead: 0.5 });
});

Deno.test("models.dev: every field of the real api.json is used, and each one reaches the catalog", async () => {
  const { devApiResult } = await import("../src/sources/models_dev/_records.ts");
  const { parseDevApi } = await import("../src/sources/models_dev/_parse.ts");
  const { MODELS_DEV_FIELDS_USED: USED } = await import("../src/sources/models_dev/_upstream.ts");
  const { fieldsOf, reachingFields } = await import("./helpers/field_reach.ts");
  type Entry = Record<string, unknown>;
  const api: Record<string, Entry & { models: Record<string, Entry> }> = JSON.parse(
    await fixture("models.dev/api.json"),
  );
  const providerFields = fieldsOf(Object.values(api));
  assert.deepEqual([...providerFields].filter((f) => !(USED.provider as readonly string[]).includes(f)), []);
  const models: Record<string, Entry> = {};
  for (const [pid, p] of Object.entries(api)) {
    for (const [id, m] of Object.entries(p.models)) models[`${pid}\n${id}`] = m;
  }
  const modelFields = fieldsOf(Object.values(models), 2);
  const used = new Set<string>(USED.model);
  const undecided = [...modelFields].filter((f) =>
    !used.has(f) && ![...used].some((u) => f.startsWith(`${u}.`))
  );
  assert.deepEqual(undecided, [], "model fields with no decision");
  const translate = (subset: Record<string, Entry>) => {
    const doc: Record<string, Entry> = {};
    for (const [key, m] of Object.entries(subset)) {
      const [pid, id] = key.split("\n") as [string, string];
      const p = (doc[pid] ??= { ...api[pid], models: {} }) as { models: Record<string, Entry> };
      p.models[id] = m;
    }
    return devApiResult(parseDevApi(doc, "models.dev", [])).offerings;
  };
  const reaching = reachingFields(models, [...modelFields].filter((f) => f !== "id"), translate, 300);
  // context_over_200k is read only when `tiers` is absent; every model of this capture that has it has both.
  const saidByTiers = "cost.context_over_200k";
  const silent = [...modelFields].filter((f) => f !== "id" && f !== saidByTiers && !reaching.has(f));
  assert.deepEqual(silent, [], "model fields marked used that change nothing");
  const bedrock = translate({
    "amazon-bedrock\nopenai.gpt-5.4": api["amazon-bedrock"]!.models["openai.gpt-5.4"]!,
  })[0]!;
  assert.equal(bedrock.api, "https://bedrock-mantle.${AWS_REGION}.api.aws/openai/v1");
  assert.equal(bedrock.npm, "@ai-sdk/amazon-bedrock/mantle");
  assert.deepEqual(bedrock.operations, ["responses"]);
});

Deno.test("models.dev: one malformed model is skipped with a note naming it; its neighbours stay", async () => {
  const { devApiResult } = await import("../src/sources/models_dev/_records.ts");
  const { parseDevApi } = await import("../src/sources/models_dev/_parse.ts");
  const api = JSON.parse(await fixture("models.dev/api.json"));
  const openai = api.openai;
  const count = Object.keys(openai.models).length;
  openai.models["gpt-4o"] = { ...openai.models["gpt-4o"], limit: "lots" };
  const notes: string[] = [];
  const result = devApiResult(parseDevApi({ openai }, "models.dev", notes));
  assert.equal(result.offerings.length, count - 1);
  assert.ok(!result.offerings.some((o) => o.id === "gpt-4o"));
  assert.match(notes.join("\n"), /model "openai\/gpt-4o" skipped: limit/);
});
