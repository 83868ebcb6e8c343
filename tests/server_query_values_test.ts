import assert from "node:assert/strict";
import { servingOn } from "./helpers/serving.ts";

/** Runs `starmap serve` on a free port of 127.0.0.1 for `fn`, then stops it. */
async function withServer(fn: (base: string) => Promise<void>): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1"],
    env: { PORT: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  try {
    const { base, said } = await servingOn(reader);
    assert.ok(base, said);
    await fn(base);
  } finally {
    child.kill("SIGTERM");
    await child.status;
    reader.releaseLock();
    await child.stderr.cancel().catch(() => {});
    await child.stdout.cancel();
  }
}

Deno.test("GET /models: a number parameter that is not one says what it expects, not the JSON type", async () => {
  await withServer(async (base) => {
    const cases: [string, RegExp][] = [
      ["limit=-1", /^limit: expected a whole number 0 or more \(got "-1"\)$/],
      ["limit=2.5", /^limit: expected a whole number 0 or more \(got "2\.5"\)$/],
      ["offset=x", /^offset: expected a whole number 0 or more \(got "x"\)$/],
      ["max_price=-0.5", /^max_price: expected a number 0 or more \(got "-0\.5"\)$/],
      ["min_context=lots", /^min_context: expected a token count like 128000 or 128k \(got "lots"\)$/],
      ["open_weights=maybe", /^open_weights: expected true or false \(got "maybe"\)$/],
    ];
    for (const [query, message] of cases) {
      const res = await fetch(`${base}/models?${query}`);
      const body = await res.json();
      assert.equal(res.status, 400, query);
      assert.equal(body.error.parameter, query.split("=")[0]);
      assert.match(body.error.message, message);
      assert.doesNotMatch(body.error.message, /received string/);
    }
  });
});

Deno.test("GET /openrouter/v1/models takes OpenRouter's supported_parameters filter", async () => {
  await withServer(async (base) => {
    type Listed = { data: { id: string; supported_parameters: string[] }[] };
    const all = (await (await fetch(`${base}/openrouter/v1/models`)).json()) as Listed;
    const res = await fetch(`${base}/openrouter/v1/models?supported_parameters=tools,response_format`);
    assert.equal(res.status, 200);
    const some = (await res.json()) as Listed;
    assert.ok(some.data.length > 0 && some.data.length < all.data.length, String(some.data.length));
    for (const m of some.data) {
      assert.ok(
        m.supported_parameters.includes("tools") && m.supported_parameters.includes("response_format"),
      );
    }
    const expected = all.data.filter((m) =>
      m.supported_parameters.includes("tools") && m.supported_parameters.includes("response_format")
    );
    assert.deepEqual(some.data.map((m) => m.id), expected.map((m) => m.id));
    const other = await fetch(`${base}/openrouter/v1/models?colour=blue`);
    assert.equal(other.status, 400);
    assert.equal((await other.json()).error.parameter, "colour");
    const spec = await (await fetch(`${base}/openapi.json`)).json();
    const route = spec.paths["/api/v1/openrouter/v1/models"].get;
    assert.ok(route.responses["400"], "the 400 is documented");
    assert.ok(route.parameters.some((p: { name: string }) => p.name === "supported_parameters"));
  });
});
