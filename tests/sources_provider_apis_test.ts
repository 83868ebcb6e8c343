/**
 * The built-in provider APIs that need more than a key in a header: Vertex AI (OAuth 2.0 JWT-bearer against a local
 * token endpoint that verifies the RS256 signature), Azure OpenAI (models and deployments, `api-key`,
 * `api-version`) and a local Ollama (`/api/tags` then `/api/show`), each against a real HTTP server on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { HttpClient } from "../src/http/_client.ts";
import { resolveProviderSource } from "../src/sources/providers/_from_env.ts";
import { fixture, json, serve } from "./helpers/sources_server.ts";

const http = () => new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 5_000 });
const signal = () => new AbortController().signal;
const providers = embeddedCatalog().providers;
const envOf = (map: Record<string, string>) => (name: string) => map[name];

function b64(bytes: ArrayBuffer): string {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function keyPair() {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const der = b64(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const pem = `-----BEGIN PRIVATE KEY-----\n${
    der.match(/.{1,64}/g)!.join("\n")
  }\n-----END PRIVATE KEY-----\n`;
  return { pem, publicKey: pair.publicKey };
}

Deno.test("vertex: a service account's RS256 JWT is exchanged for a token, then publisher models are paged", async () => {
  const { pem, publicKey } = await keyPair();
  const pages = JSON.parse(await fixture("providers/vertex/publisher_models_pages.json"));
  const claims: Record<string, unknown>[] = [];
  const up = serve(async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/token") {
      const form = new URLSearchParams(await req.text());
      assert.equal(form.get("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
      const [h, c, s] = form.get("assertion")!.split(".");
      const valid = await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        publicKey,
        fromB64url(s!),
        new TextEncoder().encode(`${h}.${c}`),
      );
      if (!valid) return json({ error: "invalid_grant" }, { status: 400 });
      claims.push(JSON.parse(new TextDecoder().decode(fromB64url(c!))));
      return json({ access_token: "ya29.local-token", expires_in: 3599, token_type: "Bearer" });
    }
    if (req.headers.get("authorization") !== "Bearer ya29.local-token") return json({}, { status: 401 });
    return json(url.searchParams.get("pageToken") === "page-2" ? pages[1] : pages[0]);
  });
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/sa.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        type: "service_account",
        project_id: "sa-project",
        private_key_id: "k1",
        private_key: pem,
        client_email: "lister@sa-project.iam.gserviceaccount.com",
        token_uri: `${up.url}/token`,
      }),
    );
    const source = resolveProviderSource("google-vertex", {
      http: http(),
      providers,
      env: envOf({
        GOOGLE_APPLICATION_CREDENTIALS: file,
        GOOGLE_CLOUD_PROJECT: "quota-project",
        STARMAP_GOOGLE_VERTEX_BASE_URL: `${up.url}/v1beta1`,
      }),
    })!;
    assert.equal(source.keyEnv, "GOOGLE_APPLICATION_CREDENTIALS");
    const result = await source.fetch({ signal: signal() });
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.iss, "lister@sa-project.iam.gserviceaccount.com");
    assert.equal(claims[0]!.aud, `${up.url}/token`);
    assert.equal(claims[0]!.scope, "https://www.googleapis.com/auth/cloud-platform");
    const lists = up.requests.filter((r) => new URL(r.url).pathname.endsWith("/publishers/google/models"));
    assert.equal(lists.length, 2);
    assert.equal(lists[0]!.headers.get("x-goog-user-project"), "quota-project");
    assert.deepEqual(result.offerings.map((m) => m.id), [
      "gemini-2.5-flash",
      "gemini-3-pro-preview",
      "gemma-3-27b-it",
      "imagen-4.0-generate-001",
    ]);
    const byId = new Map(result.offerings.map((m) => [m.id, m]));
    assert.equal(byId.get("gemini-2.5-flash")!.lifecycle?.status, "active");
    assert.equal(byId.get("gemini-3-pro-preview")!.lifecycle?.status, "preview");
    assert.equal(byId.get("gemma-3-27b-it")!.openWeights, true);
    assert.equal(byId.get("gemini-2.5-flash")!.openWeights, false);
  } finally {
    await up.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("vertex: a token endpoint that rejects the signature fails the source, naming the credentials variable", async () => {
  const signer = await keyPair();
  const other = await keyPair();
  const up = serve(async (req) => {
    const form = new URLSearchParams(await req.text());
    const [h, c, s] = form.get("assertion")!.split(".");
    const ok = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      other.publicKey,
      fromB64url(s!),
      new TextEncoder().encode(`${h}.${c}`),
    );
    return ok ? json({ access_token: "t" }) : json({ error: "invalid_grant" }, { status: 400 });
  });
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/sa.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        type: "service_account",
        private_key: signer.pem,
        client_email: "x@y.iam.gserviceaccount.com",
        token_uri: `${up.url}/token`,
      }),
    );
    const source = resolveProviderSource("google-vertex", {
      http: http(),
      providers,
      env: envOf({ GOOGLE_APPLICATION_CREDENTIALS: file, STARMAP_GOOGLE_VERTEX_BASE_URL: up.url }),
    })!;
    await assert.rejects(source.fetch({ signal: signal() }), /HTTP 400 from .*\/token/);
  } finally {
    await up.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("azure: models and deployments with api-key and api-version; deployments become aliases", async () => {
  const models = JSON.parse(await fixture("providers/azure/models.json"));
  const deployments = JSON.parse(await fixture("providers/azure/deployments.json"));
  const up = serve((req) => {
    const url = new URL(req.url);
    if (req.headers.get("api-key") !== "0123456789abcdef0123456789abcdef") return json({}, { status: 401 });
    if (url.pathname === "/openai/models") return json(models);
    if (url.pathname === "/openai/deployments") return json(deployments);
    return json({ error: { code: "404" } }, { status: 404 });
  });
  try {
    const source = resolveProviderSource("azure", {
      http: http(),
      providers,
      env: envOf({
        AZURE_OPENAI_API_KEY: "0123456789abcdef0123456789abcdef",
        AZURE_OPENAI_ENDPOINT: `${up.url}/`,
      }),
    })!;
    const result = await source.fetch({ signal: signal() });
    const versions = up.requests.map((r) => new URL(r.url).searchParams.get("api-version"));
    assert.deepEqual(versions, ["2024-10-21", "2022-12-01"]);
    assert.deepEqual(result.offerings.map((m) => m.id), [
      "gpt-4o-2024-08-06",
      "o3-mini-2025-01-31",
      "text-embedding-3-large",
    ]);
    const gpt = result.offerings[0]!;
    assert.deepEqual(gpt.aliases, ["chat-prod"]);
    assert.equal(gpt.lifecycle?.status, "active");
    assert.equal(gpt.lifecycle?.retirementDate, "2026-03-01");
    assert.equal(gpt.releaseDate, undefined, "created_at is not a release date");
    assert.equal(result.offerings[1]!.lifecycle?.status, "preview");
    assert.deepEqual(result.offerings[2]!.modalities, { output: ["embedding"] });
    assert.deepEqual(result.notes, []);
  } finally {
    await up.close();
  }
});

Deno.test("azure: without an endpoint or resource name the source says what to set", async () => {
  const source = resolveProviderSource("azure", {
    http: http(),
    providers,
    env: envOf({ AZURE_API_KEY: "k" }),
  })!;
  const result = await source.fetch({ signal: signal() });
  assert.match(result.notes[0]!, /azure: skipped, needs AZURE_OPENAI_ENDPOINT or AZURE_RESOURCE_NAME/);
});

Deno.test("ollama: keyless /api/tags, then /api/show per model for context, family, size and capabilities", async () => {
  const tags = JSON.parse(await fixture("providers/ollama/tags.json"));
  const shows = JSON.parse(await fixture("providers/ollama/show.json"));
  const up = serve(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/tags" && req.method === "GET") return json(tags);
    if (path === "/api/show" && req.method === "POST") {
      const { model } = await req.json();
      return shows[model] ? json(shows[model]) : json({ error: "model not found" }, { status: 404 });
    }
    return json({}, { status: 404 });
  });
  try {
    const host = up.url.replace("http://", "");
    const source = resolveProviderSource("ollama", {
      http: http(),
      providers,
      env: envOf({ OLLAMA_HOST: host }),
    })!;
    assert.equal(source.usable, true, "no key needed");
    const result = await source.fetch({ signal: signal() });
    assert.equal(up.requests[0]!.headers.get("authorization"), null);
    const [llama, qwen, nomic] = result.offerings;
    assert.deepEqual(llama, {
      id: "llama3.2:latest",
      provider: "ollama",
      family: "llama",
      description: "3.2B parameters, Q4_K_M quantization, GGUF",
      openWeights: true,
      weights: { parameters: 3212749888, quantization: "Q4_K_M", format: "gguf" },
      operations: ["chat"],
      limits: { context: 131072 },
      defaults: { stop: ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"] },
      capabilities: { toolCalls: true, reasoning: false, attachments: false },
      modalities: { input: ["text"], output: ["text"] },
    });
    assert.equal(qwen!.capabilities?.reasoning, true);
    assert.equal(qwen!.limits?.context, 40960);
    assert.deepEqual(qwen!.defaults, { repeat_penalty: 1, temperature: 0.6, top_k: 20, top_p: 0.95 });
    assert.deepEqual(nomic!.defaults, { num_ctx: 8192 }, "the context the server runs it with by default");
    assert.deepEqual(nomic!.modalities, { input: ["text"], output: ["embedding"] });
    assert.deepEqual(nomic!.operations, ["embeddings"]);
    assert.equal(nomic!.weights?.parameters, 136727040);
  } finally {
    await up.close();
  }
});

Deno.test("vertex: application-default credentials of a user are found in the gcloud folder and refreshed", async () => {
  const pages = JSON.parse(await fixture("providers/vertex/publisher_models_pages.json"));
  const forms: URLSearchParams[] = [];
  const up = serve(async (req) => {
    if (new URL(req.url).pathname === "/token") {
      forms.push(new URLSearchParams(await req.text()));
      return json({ access_token: "ya29.user-token", expires_in: 3599 });
    }
    return req.headers.get("authorization") === "Bearer ya29.user-token"
      ? json(pages[1])
      : json({}, { status: 401 });
  });
  const home = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${home}/.config/gcloud`, { recursive: true });
    await Deno.writeTextFile(
      `${home}/.config/gcloud/application_default_credentials.json`,
      JSON.stringify({
        type: "authorized_user",
        client_id: "cid.apps.googleusercontent.com",
        client_secret: "csecret",
        refresh_token: "1//refresh",
        quota_project_id: "my-quota",
        token_uri: `${up.url}/token`,
      }),
    );
    const source = resolveProviderSource("google-vertex", {
      http: http(),
      providers,
      env: envOf({
        HOME: home,
        GOOGLE_VERTEX_LOCATION: "europe-west4",
        STARMAP_GOOGLE_VERTEX_BASE_URL: up.url,
      }),
    })!;
    assert.match(source.key!.origin!, /application_default_credentials\.json$/);
    const result = await source.fetch({ signal: signal() });
    assert.equal(forms[0]!.get("grant_type"), "refresh_token");
    assert.equal(forms[0]!.get("refresh_token"), "1//refresh");
    assert.equal(up.requests.at(-1)!.headers.get("x-goog-user-project"), "my-quota");
    assert.equal(result.offerings.length, 2);
    const regional = resolveProviderSource("google-vertex", {
      http: http(),
      providers,
      env: envOf({ GOOGLE_VERTEX_LOCATION: "europe-west4" }),
    })!;
    assert.equal(
      regional.url,
      "https://europe-west4-aiplatform.googleapis.com/v1beta1/publishers/google/models",
    );
  } finally {
    await up.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("hetzner: a built-in provider the catalog lacks is added by a sync, with its vLLM context", async () => {
  const { sync } = await import("../src/sync/_pipeline.ts");
  const { buildSources } = await import("../src/sources/_source_list.ts");
  const capture = JSON.parse(await fixture("providers/vllm/models_list.json"));
  const up = serve(() => json(capture));
  try {
    const sources = buildSources({
      providers,
      ids: ["hetzner"],
      env: envOf({ HETZNER_INFERENCE_TOKEN: "h-token", STARMAP_HETZNER_BASE_URL: `${up.url}/v1` }),
    });
    const result = await sync({ sources, dryRun: true, baseline: embeddedCatalog() });
    assert.equal(up.requests[0]!.headers.get("authorization"), "Bearer h-token");
    const added = result.changeset.providers.added.find((p) => p.id === "hetzner")!;
    assert.equal(added.name, "Hetzner Inference");
    const qwen = result.changeset.offerings.added.find((m) => m.id === "Qwen/Qwen3.6-35B-A3B-FP8")!;
    assert.equal(qwen.limits.context, 262144);
    assert.equal(qwen.releaseDate, undefined);
    assert.ok(result.notes.some((n) => /listed more than once/.test(n)), result.notes.join("\n"));
  } finally {
    await up.close();
  }
});
