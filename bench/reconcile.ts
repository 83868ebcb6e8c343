/**
 * Benchmark of the reconciler and of a no-change `starmap update --dry`.
 *
 * Prints: the time and peak memory to reconcile the full models.dev snapshot (with its author-level models) with
 * every provider capture, OpenRouter's list and the LiteLLM price map over the embedded catalog, linking every
 * offering to its model (target: under 1 s and under 300 MB); the size of the embedded catalog beside the last
 * catalog of version 1; then the median wall time of a no-change `update --dry` run against a local models.dev
 * server.
 *
 * Run: `deno run -A bench/reconcile.ts`
 *
 * @module
 */
// deno-lint-ignore-file no-console
import { readFile, rm, stat } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { loadEmbeddedProvenance } from "../src/reconcile/mod.ts";
import { HttpClient } from "../src/http/_client.ts";
import { Authority } from "../src/reconcile/_authority.ts";
import { diffCatalogs } from "../src/reconcile/_changeset.ts";
import { reconcile, type SourceSnapshot } from "../src/reconcile/_reconcile.ts";
import { translateLiteLLM } from "../src/sources/_litellm.ts";
import { devApiResult } from "../src/sources/models_dev/_records.ts";
import { DevApi } from "../src/sources/models_dev/_upstream.ts";
import { resolveProviderSource } from "../src/sources/providers/_from_env.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const json = async (path: string) => JSON.parse(await readFile(join(root, path), "utf8"));

async function peakRssMb(): Promise<number> {
  try {
    const status = await readFile("/proc/self/status", "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    if (kb) return kb / 1024;
  } catch { /* not Linux */ }
  return Deno.memoryUsage().rss / 1024 / 1024;
}

async function snapshots(): Promise<SourceSnapshot[]> {
  const at = new Date().toISOString();
  const api = DevApi.parse(await json("catalog/upstream/models.dev/api.json"));
  const baseline = embeddedCatalogData();
  const labs = await json("catalog/upstream/models.dev/models.json");
  const out: SourceSnapshot[] = [
    {
      source: { id: "models.dev", kind: "models_dev" },
      result: devApiResult(api, new Map(), [], { models: labs }),
      at,
    },
  ];
  const http = new HttpClient();
  for (const id of ["openai", "anthropic", "google", "groq", "deepseek", "cerebras", "openrouter"]) {
    const source = resolveProviderSource(id, { http, providers: baseline.providers })!;
    const file = id === "openrouter"
      ? "catalog/upstream/openrouter/models.json"
      : `catalog/upstream/providers/${id}/models_list.json`;
    const page = await json(file);
    out.push({ source: { id, kind: "provider_api" }, result: source.translate([page]), at });
  }
  const litellm = await json("tests/fixtures/pricing/litellm_model_prices.json");
  out.push({
    source: { id: "litellm", kind: "litellm" },
    result: translateLiteLLM(litellm, baseline.providers.map((p) => p.id)),
    at,
  });
  return out;
}

async function benchReconcile(): Promise<void> {
  const results = await snapshots();
  const baseline = embeddedCatalogData();
  // As an update over the embedded catalog does: with the provenance it ships.
  const provenance = await loadEmbeddedProvenance(baseline);
  const records = results.reduce((n, s) => n + s.result.offerings.length, 0);
  const before = await peakRssMb();
  const times: number[] = [];
  let summary = "";
  let links = "";
  let firstPeak = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const out = reconcile({
      baseline,
      provenance,
      results,
      authority: new Authority(),
      now: new Date().toISOString(),
    });
    const changes = diffCatalogs(baseline, out.data);
    times.push(performance.now() - t0);
    if (i === 0) firstPeak = await peakRssMb();
    summary = `${out.data.models.length} models, ${out.data.offerings.length} offerings, ` +
      `changeset total ${changes.summary.total}`;
    const methods = new Map<string, number>();
    for (const o of out.data.offerings) methods.set(o.link.method, (methods.get(o.link.method) ?? 0) + 1);
    links = [...methods].sort().map(([m, n]) => `${n} ${m}`).join(", ");
  }
  times.sort((a, b) => a - b);
  const peak = await peakRssMb();
  console.log(
    `reconcile: ${records} records from ${results.length} sources over ${baseline.offerings.length} baseline ` +
      `offerings and ${baseline.models.length} models, with the embedded provenance`,
  );
  console.log(`reconcile: ${summary}`);
  console.log(`reconcile: links ${links}`);
  console.log(
    `reconcile + changeset: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${
      times[4]!.toFixed(0)
    }); target < 1000 ms`,
  );
  // The target is one full reconcile: the inputs loaded, reconciled and diffed, as one `starmap update` does. Runs
  // back to back in one process are printed too: V8 collects its old generation late (a full collection during
  // them finds ~50 MB live), so their peak measures the collector's pacing more than the reconciler.
  const met = firstPeak < 300 ? "met" : "NOT met";
  console.log(
    `peak RSS of one full reconcile: ${firstPeak.toFixed(0)} MB (${before.toFixed(0)} MB after loading the ` +
      `inputs); target < 300 MB: ${met}`,
  );
  console.log(`peak RSS after the 5 reconciles back to back in one process: ${peak.toFixed(0)} MB`);
}

/** The embedded catalog of version 1 (one row per provider's model), the last one before models and offerings. */
const V1_CATALOG_BYTES = 4_554_396;

async function benchCatalogSize(): Promise<void> {
  const bytes = (await stat(join(root, "catalog/catalog.json"))).size;
  const provenance = (await stat(join(root, "catalog/provenance.json"))).size;
  console.log(
    `embedded catalog: ${(bytes / 1e6).toFixed(2)} MB (version 1: ${
      (V1_CATALOG_BYTES / 1e6).toFixed(2)
    } MB, ` +
      `${
        ((bytes / V1_CATALOG_BYTES - 1) * 100).toFixed(0)
      }% more for models, links and the new offering fields); ` +
      `its provenance ${(provenance / 1e6).toFixed(2)} MB (not loaded at start)`,
  );
}

async function benchNoChangeUpdate(): Promise<void> {
  const body = await readFile(join(root, "catalog/upstream/models.dev/api.json"), "utf8");
  const labs = await readFile(join(root, "catalog/upstream/models.dev/models.json"), "utf8");
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => new Response(new URL(req.url).pathname === "/models.json" ? labs : body),
  );
  const dir = await mkdtemp(join(tmpdir(), "starmap-bench-"));
  const url = `http://127.0.0.1:${server.addr.port}/api.json`;
  // GNU time reports the peak RSS of the whole `starmap update` process, where it is installed.
  const gnuTime = await stat("/usr/bin/time").then(() => true, () => false);
  const run = (args: string[], measure = false) =>
    new Deno.Command(measure && gnuTime ? "/usr/bin/time" : Deno.execPath(), {
      args: [
        ...(measure && gnuTime ? ["-f", "peak-rss-kb %M", Deno.execPath()] : []),
        "run",
        "-A",
        "main.ts",
        "update",
        "--source",
        "models.dev",
        "--models-dev-url",
        url,
        "--catalog-dir",
        dir,
        "-q",
        ...args,
      ],
      cwd: root,
      stdout: "null",
      stderr: "piped",
    }).output();
  try {
    // --force saves even when the snapshot matches the embedded catalog, so the runs below read a saved catalog
    // and its provenance, as a user's update does.
    const first = await run(["-y", "-f"], true);
    if (first.code !== 0) throw new Error(new TextDecoder().decode(first.stderr));
    const rss = (out: Deno.CommandOutput) => {
      const kb = Number(/peak-rss-kb (\d+)/.exec(new TextDecoder().decode(out.stderr))?.[1]);
      return kb ? `${(kb / 1024).toFixed(0)} MB` : "not measured (no /usr/bin/time)";
    };
    const dry = await run(["--dry", "-f"], true);
    console.log(
      `starmap update peak RSS (deno run, models.dev api.json and models.json from 127.0.0.1): ` +
        `${rss(first)} saving over the embedded catalog, ${
          rss(dry)
        } reconciling over the saved one (--dry); ` +
        `target < 300 MB`,
    );
    const current = (await readFile(join(dir, "current"), "utf8")).trim();
    const provenanceMb = (await stat(join(dir, "generations", current, "provenance.json"))).size / 1e6;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const out = await run(["--dry"]);
      times.push(performance.now() - t0);
      if (out.code !== 0) throw new Error(new TextDecoder().decode(out.stderr));
    }
    times.sort((a, b) => a - b);
    console.log(
      `no-change update --dry (deno run, models.dev from 127.0.0.1): median ${times[2]!.toFixed(0)} ms ` +
        `(min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}); provenance.json ${
          provenanceMb.toFixed(1)
        } MB`,
    );
  } finally {
    await server.shutdown();
    await rm(dir, { recursive: true });
  }
}

// Other processes on the machine move every figure here: say how busy it was.
const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
console.log(`load average at start: ${load()}`);
await benchReconcile();
await benchCatalogSize();
await benchNoChangeUpdate();
console.log(`load average at end: ${load()}`);
