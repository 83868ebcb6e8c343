import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { createApp } from "../src/server/_app.ts";
import { snapshotBackend } from "../src/server/_backend.ts";
import { AuthorList, ProviderList } from "../src/server/_schemas.ts";
import { runCli } from "./helpers/cli.ts";

Deno.test("providers list and authors list print the same summaries as GET /providers and GET /authors", async () => {
  const app = createApp({ backend: snapshotBackend(embeddedCatalog()) });
  try {
    const providers = ProviderList.parse(await (await app.request("/api/v1/providers")).json());
    const authors = AuthorList.parse(await (await app.request("/api/v1/authors")).json());
    const env = { env: { NO_COLOR: "1" } };
    const cliProviders = await runCli(["providers", "list", "-o", "json"], env);
    assert.equal(cliProviders.code, 0, cliProviders.stderr);
    assert.deepEqual(JSON.parse(cliProviders.stdout), providers.items);
    const cliAuthors = await runCli(["authors", "list", "-o", "json"], env);
    assert.equal(cliAuthors.code, 0, cliAuthors.stderr);
    assert.deepEqual(JSON.parse(cliAuthors.stdout), authors.items);
    const anthropic = authors.items.find((a) => a.id === "anthropic")!;
    assert.equal(anthropic.providerCount, Object.keys(anthropic.providers).length);
    assert.ok(anthropic.providerCount > 1, "served by several providers");
  } finally {
    await app.close();
  }
});
