import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { modelKey } from "../src/catalog/_catalog.ts";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import { snapshotBackend } from "../src/server/_backend.ts";
import { ErrorBody } from "../src/server/_errors.ts";
import {
  AuthorList,
  AuthorSummary,
  ModelDetail,
  ModelPage,
  ModelProviders,
  OfferingPage,
  ProviderList,
  Stats,
} from "../src/server/_schemas.ts";
import { type Model, Offering, Provider } from "../src/catalog/_schema.ts";
import { testBackend } from "./helpers/server.ts";

const catalog = embeddedCatalog();

async function withApp(fn: (app: ServerApp) => Promise<void>, options = {}): Promise<void> {
  const app = createApp({ backend: testBackend(), ...options });
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

async function json(res: Response | Promise<Response>, status = 200): Promise<unknown> {
  const r = await res;
  const body = await r.json();
  assert.equal(r.status, status, JSON.stringify(body));
  return body;
}

async function error(res: Response | Promise<Response>, status: number) {
  const body = ErrorBody.parse(await json(res, status));
  return body.error;
}

Deno.test("GET /models lists one item per model like the catalog query, with page and total", async () => {
  await withApp(async (app) => {
    const page = ModelPage.parse(
      await json(
        app.request("/api/v1/models?provider=anthropic&capability=tools&sort=context&order=desc&limit=5"),
      ),
    );
    const expected = catalog.query({
      provider: ["anthropic"],
      capabilities: ["tools"],
      sort: "context",
      order: "desc",
      limit: 5,
    });
    assert.equal(page.total, expected.total);
    assert.ok(page.total > 5);
    assert.deepEqual(page.items.map((m) => m.id), expected.items.map((l) => l.model.id));
    assert.deepEqual(page.items.map((m) => m.providers), expected.items.map((l) => l.providers));
    assert.equal(page.limit, 5);
    assert.equal(page.offset, 0);

    const both = ModelPage.parse(
      await json(app.request("/api/v1/models?search=claude&search=sonnet&limit=1000")),
    );
    assert.ok(both.total > 0);
    for (const m of both.items) assert.match(`${m.id} ${m.name} ${m.family ?? ""}`.toLowerCase(), /sonnet/);
    const comma = ModelPage.parse(await json(app.request("/api/v1/models?search=claude,sonnet&limit=1000")));
    assert.equal(comma.total, both.total);

    const paged = ModelPage.parse(await json(app.request("/api/v1/models?sort=id&limit=3&offset=3")));
    const all = catalog.query({ sort: "id", limit: 6 });
    assert.deepEqual(paged.items.map((m) => m.id), all.items.slice(3).map((l) => l.model.id));
    assert.equal(paged.total, catalog.models.length);
  });
});

Deno.test("GET /models filters models by their own fields", async () => {
  await withApp(async (app) => {
    const cases: [string, (m: Model) => boolean][] = [
      ["author=anthropic", (m) => m.authors.includes("anthropic")],
      ["input=image", (m) => m.modalities.input.includes("image")],
      ["output=audio", (m) => m.modalities.output.includes("audio")],
      ["capability=reasoning", (m) => m.capabilities.reasoning === true],
      ["min_context=1M", (m) => (m.limits.context ?? 0) >= 1_000_000],
      ["open_weights=true", (m) => m.openWeights === true],
      ["released_after=2025-06-01", (m) => (m.releaseDate ?? "") >= "2025-06-01"],
    ];
    for (const [query, predicate] of cases) {
      const page = ModelPage.parse(await json(app.request(`/api/v1/models?${query}&limit=1000`)));
      assert.equal(page.total, catalog.models.filter(predicate).length, query);
      assert.ok(page.items.every(predicate), query);
    }
  });
});

Deno.test("GET /offerings supports every filter parameter, offering-level ones included", async () => {
  await withApp(async (app) => {
    const cases: [string, (m: Offering) => boolean][] = [
      ["author=anthropic", (m) => m.authors.includes("anthropic")],
      ["capability=reasoning", (m) => m.capabilities.reasoning === true],
      ["max_price=0.5", (m) => (m.pricing?.input ?? Infinity) <= 0.5],
      ["max_output_price=1", (m) => (m.pricing?.output ?? Infinity) <= 1],
      ["status=deprecated", (m) => m.lifecycle?.status === "deprecated"],
      ["lifecycle=deprecated", (m) => m.lifecycle?.status === "deprecated"],
      ["open_weights=false", (m) => m.openWeights !== true],
      ["released_before=2023-01-01", (m) => m.releaseDate !== undefined && m.releaseDate <= "2023-01-01"],
    ];
    for (const [query, predicate] of cases) {
      const page = OfferingPage.parse(await json(app.request(`/api/v1/offerings?${query}&limit=1000`)));
      const expected = catalog.allOfferings.filter(predicate).length;
      assert.equal(page.total, expected, query);
      assert.ok(page.items.every(predicate), query);
    }
  });
});

Deno.test("GET /models answers 400 naming the offending parameter", async () => {
  await withApp(async (app) => {
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["limit=abc", "limit"],
      ["offset=-1", "offset"],
      ["sort=price", "sort"],
      ["sort=id&sort=name", "sort"],
      ["capability=telepathy", "capability"],
      ["status=", "status"],
      ["open_weights=maybe", "open_weights"],
      ["released_after=yesterday", "released_after"],
      ["min_context=lots", "min_context"],
      ["provder=openai", "provder"],
      ["provider=opneai", "provider"],
      ["author=nobody-at-all", "author"],
    ];
    for (const [query, parameter] of cases) {
      const e = await error(app.request(`/api/v1/models?${query}`), 400);
      assert.equal(e.parameter, parameter, query);
      assert.equal(e.code, "invalid_parameter");
      assert.ok(e.message.startsWith(`${parameter}:`), e.message);
    }
    const typo = await error(app.request("/api/v1/models?provder=openai"), 400);
    assert.deepEqual(typo.suggestions?.[0], "provider");
  });
});

Deno.test("GET /models/{model} resolves any spelling to the model with every offering; 404 suggests", async () => {
  await withApp(async (app) => {
    const m = ModelDetail.parse(await json(app.request("/api/v1/models/openai/gpt-4o")));
    assert.deepEqual(m.model, catalog.model("openai/gpt-4o"));
    assert.equal(m.offering, undefined);
    assert.deepEqual(m.offerings.map(modelKey), catalog.offerings("openai/gpt-4o").map(modelKey));
    assert.ok(m.offerings.length >= 10, "every provider serving it");
    const bare = ModelDetail.parse(await json(app.request("/api/v1/models/gpt-4o")));
    assert.equal(bare.model.id, "openai/gpt-4o");
    const key = "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    const viaOffering = ModelDetail.parse(await json(app.request(`/api/v1/models/${key}`)));
    assert.equal(viaOffering.offering && modelKey(viaOffering.offering), key);
    assert.equal(viaOffering.model.id, viaOffering.offering?.model);
    const missing = await error(app.request("/api/v1/models/openai/gpt-4p"), 404);
    assert.ok(missing.suggestions?.includes("openai/gpt-4o"), JSON.stringify(missing));
  });
});

Deno.test("GET /offerings/{provider}/{id} accepts ids with slashes and aliases; 404 suggests", async () => {
  await withApp(async (app) => {
    const slashed = catalog.allOfferings.find((x) => x.id.includes("/"))!;
    const s = Offering.parse(await json(app.request(`/api/v1/offerings/${slashed.provider}/${slashed.id}`)));
    assert.equal(modelKey(s), modelKey(slashed));
    const encoded = Offering.parse(
      await json(app.request(`/api/v1/offerings/${slashed.provider}/${encodeURIComponent(slashed.id)}`)),
    );
    assert.equal(modelKey(encoded), modelKey(slashed));
    const alias = Offering.parse(await json(app.request("/api/v1/offerings/gemini/gemini-2.5-pro")));
    assert.equal(alias.provider, "google");
    const missing = await error(app.request("/api/v1/offerings/openai/gpt-4p"), 404);
    assert.ok(missing.suggestions?.includes("openai/gpt-4o"), JSON.stringify(missing));
    const tools = OfferingPage.parse(
      await json(app.request("/api/v1/offerings?param=tools&operation=chat&limit=1000")),
    );
    assert.ok(tools.items.every((o) => o.params?.includes("tools") && o.operations?.includes("chat")));
  });
});

Deno.test("GET /models/{model}/providers lists every offering of a model, cheapest first", async () => {
  await withApp(async (app) => {
    const body = ModelProviders.parse(await json(app.request("/api/v1/models/gpt-4o/providers")));
    const expected = catalog.offerings("gpt-4o");
    assert.equal(body.total, expected.length);
    assert.deepEqual(body.items.map((i) => i.key), expected.map(modelKey));
    const openai = body.items.find((i) => i.provider === "openai" && i.id === "gpt-4o")!;
    assert.deepEqual(openai.pricing, catalog.offering("openai/gpt-4o")!.pricing);
    await error(app.request("/api/v1/models/no-such-model-xyz/providers"), 404);
  });
});

Deno.test("POST /models/search validates its body strictly and caps its size", async () => {
  await withApp(async (app) => {
    const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
      app.request("/api/v1/models/search", { method: "POST", body, headers });
    const page = ModelPage.parse(
      await json(post(JSON.stringify({ provider: ["anthropic"], search: ["sonnet"], limit: 2 }))),
    );
    const expected = catalog.query({ provider: ["anthropic"], search: ["sonnet"], limit: 2 });
    assert.equal(page.total, expected.total);
    assert.deepEqual(page.items.map((m) => m.id), expected.items.map((l) => l.model.id));
    assert.equal((await error(post(JSON.stringify({ limit: 5000 })), 400)).parameter, "limit");
    assert.equal((await error(post(JSON.stringify({ colour: "red" })), 400)).parameter, "colour");
    assert.equal(
      (await error(post(JSON.stringify({ capabilities: ["x"] })), 400)).parameter,
      "capabilities[0]",
    );
    assert.equal((await error(post("{nope"), 400)).parameter, "body");
    await error(post(JSON.stringify({ search: ["x".repeat(70_000)] })), 413);
    await error(post("{}", { "content-type": "text/plain" }), 415);
  });
});

Deno.test("providers, authors and stats routes answer from the catalog", async () => {
  await withApp(async (app) => {
    const providers = ProviderList.parse(await json(app.request("/api/v1/providers")));
    assert.equal(providers.total, catalog.providers.length);
    const anthropic = Provider.extend({ modelCount: Stats.shape.models }).parse(
      await json(app.request("/api/v1/providers/anthropic")),
    );
    assert.equal(anthropic.modelCount, catalog.offeringsByProvider("anthropic").length);
    const pm = OfferingPage.parse(await json(app.request("/api/v1/providers/anthropic/models?limit=1000")));
    assert.equal(pm.total, catalog.offeringsByProvider("anthropic").length);
    assert.ok(pm.items.every((m) => m.provider === "anthropic"));
    assert.equal(
      (await error(app.request("/api/v1/providers/anthropic/models?provider=openai"), 400)).parameter,
      "provider",
    );
    assert.ok(
      (await error(app.request("/api/v1/providers/antropic"), 404)).suggestions?.includes("anthropic"),
    );

    const authors = AuthorList.parse(await json(app.request("/api/v1/authors")));
    assert.equal(authors.total, catalog.authors.length);
    const a = AuthorSummary.parse(await json(app.request("/api/v1/authors/anthropic")));
    assert.equal(a.modelCount, catalog.modelsByAuthor("anthropic").length);
    const am = ModelPage.parse(
      await json(app.request("/api/v1/authors/anthropic/models?capability=reasoning")),
    );
    assert.ok(am.items.every((m) => m.authors.includes("anthropic") && m.capabilities.reasoning));
    assert.equal(am.total, catalog.query({ author: ["anthropic"], capabilities: ["reasoning"] }).total);
    await error(app.request("/api/v1/authors/nobody-xyz"), 404);

    const stats = Stats.parse(await json(app.request("/api/v1/stats")));
    assert.equal(stats.models, catalog.models.length);
    assert.equal(stats.offerings, catalog.allOfferings.length);
    assert.equal(stats.byProvider.anthropic, catalog.offeringsByProvider("anthropic").length);
  });
});

Deno.test("health, ready, 404, 405 with Allow, HEAD and OPTIONS", async () => {
  await withApp(async (app) => {
    assert.deepEqual(await json(app.request("/api/v1/health")), { status: "ok" });
    const ready = (await json(app.request("/api/v1/ready"))) as { status: string; models: number };
    assert.equal(ready.status, "ready");
    assert.equal(ready.models, catalog.models.length);
    assert.equal((await error(app.request("/api/v1/nothing"), 404)).code, "not_found");
    const res = await app.request("/api/v1/providers", { method: "POST" });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, HEAD");
    assert.equal(ErrorBody.parse(await res.json()).error.code, "method_not_allowed");
    const getSearch = await app.request("/api/v1/models/search");
    assert.equal(getSearch.status, 405);
    assert.equal(getSearch.headers.get("allow"), "POST");
    await getSearch.body?.cancel();
    const head = await app.request("/api/v1/models/openai/gpt-4o", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    const options = await app.request("/api/v1/stats", { method: "OPTIONS" });
    assert.equal(options.status, 204);
    assert.match(options.headers.get("allow")!, /GET/);
  });
});

Deno.test("catalog reads carry ETag and Cache-Control; If-None-Match gives 304", async () => {
  await withApp(async (app) => {
    const first = await app.request("/api/v1/models/openai/gpt-4o");
    await first.body?.cancel();
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^"[0-9a-f]{16}-[0-9a-f]{8}"$/);
    assert.equal(first.headers.get("cache-control"), "public, max-age=60");
    const again = await app.request("/api/v1/models/openai/gpt-4o", { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");
    const other = await app.request("/api/v1/models/openai/gpt-4o-mini");
    await other.body?.cancel();
    assert.notEqual(other.headers.get("etag"), etag);
    const list = await app.request("/api/v1/models?limit=2", { headers: { "if-none-match": etag } });
    assert.equal(list.status, 200);
    await list.body?.cancel();
  });
});

Deno.test("CORS is off by default and on for configured origins", async () => {
  await withApp(async (app) => {
    const res = await app.request("/api/v1/health", { headers: { origin: "https://a.example" } });
    await res.body?.cancel();
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });
  await withApp(async (app) => {
    const res = await app.request("/api/v1/health", { headers: { origin: "https://a.example" } });
    await res.body?.cancel();
    assert.equal(res.headers.get("access-control-allow-origin"), "https://a.example");
    const pre = await app.request("/api/v1/models", {
      method: "OPTIONS",
      headers: { origin: "https://a.example", "access-control-request-method": "GET" },
    });
    await pre.body?.cancel();
    assert.equal(pre.status, 204);
    const other = await app.request("/api/v1/health", { headers: { origin: "https://b.example" } });
    await other.body?.cancel();
    assert.notEqual(other.headers.get("access-control-allow-origin"), "https://b.example");
  }, { corsOrigins: ["https://a.example"] });
});

Deno.test("a custom prefix moves every route; no catalog → 503; internal errors reveal nothing", async () => {
  await withApp(async (app) => {
    assert.deepEqual(await json(app.request("/v2/health")), { status: "ok" });
    await error(app.request("/api/v1/health"), 404);
  }, { prefix: "v2/" });

  const empty = createApp({ backend: snapshotBackend(undefined) });
  assert.equal((await error(empty.request("/api/v1/models"), 503)).code, "not_ready");
  assert.equal(((await json(empty.request("/api/v1/ready"), 503)) as { status: string }).status, "not_ready");
  await empty.close();

  const logged: string[] = [];
  let fail = false;
  const broken = createApp({
    backend: {
      snapshot: () => {
        if (fail) throw new Error("secret database path /srv/x");
        return catalog;
      },
    },
    logger: { info: () => {}, error: (m) => logged.push(m) },
  });
  fail = true;
  const e = await error(broken.request("/api/v1/stats"), 500);
  assert.equal(e.code, "internal");
  assert.doesNotMatch(e.message, /secret/);
  assert.match(logged.join("\n"), /secret database path/);
  await broken.close();
});

Deno.test("request logging goes to the logger at -v", async () => {
  const lines: string[] = [];
  await withApp(async (app) => {
    await (await app.request("/api/v1/health", {}, { clientIp: "203.0.113.9" })).body?.cancel();
  }, { logger: { info: (m: string) => lines.push(m), error: () => {} }, logRequests: true });
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^GET \/api\/v1\/health 200 [\d.]+ms 203\.0\.113\.9$/);
});

Deno.test("POST /cost uses the pricing calculator; bad bodies name the field", async () => {
  await withApp(async (app) => {
    const post = (body: unknown) =>
      app.request("/api/v1/cost", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const one = (await json(post({ model: "openai/gpt-4o", input: 1_000_000, output: 1_000_000 }))) as {
      results: { key: string; total: string }[];
    };
    const p = catalog.offering("openai/gpt-4o")!.pricing!;
    // A canonical model id prices every offering of the model; OpenAI's own is one of them.
    assert.equal(one.results.length, catalog.offerings("openai/gpt-4o").length);
    assert.ok(one.results.length > 5);
    assert.equal(Number(one.results.find((r) => r.key === "openai/gpt-4o")!.total), p.input! + p.output!);
    const offering = (await json(post({ model: "azure/gpt-4o", input: 1000 }))) as {
      results: { key: string }[];
    };
    assert.deepEqual(
      offering.results.map((r) => r.key),
      ["azure/gpt-4o"],
      "an offering key prices that offering",
    );
    const many = (await json(post({ model: "gpt-4o", input: 1000 }))) as { results: unknown[] };
    assert.equal(many.results.length, catalog.lookupOfferings("gpt-4o").length);
    assert.equal((await error(post({ model: "openai/gpt-4o", input: -1 }), 400)).parameter, "input");
    assert.equal((await error(post({ model: "openai/gpt-4o", tokens: 1 }), 400)).parameter, "tokens");
    await error(post({ model: "openai/no-such-model" }), 404);
  });
});
