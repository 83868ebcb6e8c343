import assert from "node:assert/strict";
import { z } from "zod";
import {
  durationMs,
  resolveSection,
  SERVER_SETTINGS,
  setting,
  SOURCES_SETTINGS,
  WEIGHTS_SETTINGS,
} from "./mod.ts";
import { StarmapError } from "../errors.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("settings: flags beat environment beat config beat defaults, each with its origin", () => {
  const config = { server: { host: "0.0.0.0", port: 7000, autoUpdate: "15m" } };
  const none = resolveSection(SERVER_SETTINGS, {});
  assert.equal(none.values.host, "127.0.0.1");
  assert.equal(none.values.port, 8080);
  assert.equal(none.values.prefix, "/api/v1");
  assert.equal(none.origins.port, "default");
  assert.equal(none.values.autoUpdateMs, undefined);

  const fromConfig = resolveSection(SERVER_SETTINGS, { config });
  assert.equal(fromConfig.values.port, 7000);
  assert.equal(fromConfig.values.autoUpdateMs, 900_000);
  assert.equal(fromConfig.origins.host, "config server.host");

  const fromEnv = resolveSection(SERVER_SETTINGS, {
    config,
    env: envOf({ PORT: "9000", STARMAP_CORS: "a, b" }),
  });
  assert.equal(fromEnv.values.port, 9000);
  assert.equal(fromEnv.origins.port, "env PORT");
  assert.deepEqual(fromEnv.values.cors, ["a", "b"]);

  const fromFlag = resolveSection(SERVER_SETTINGS, {
    config,
    env: envOf({ PORT: "9000" }),
    flags: { port: 0 },
  });
  assert.equal(fromFlag.values.port, 0);
  assert.equal(fromFlag.origins.port, "--port");
});

Deno.test("settings: STARMAP_ variables come before the conventional ones", () => {
  const s = resolveSection(SERVER_SETTINGS, { env: envOf({ PORT: "9000", STARMAP_PORT: "9100" }) });
  assert.equal(s.values.port, 9100);
  assert.equal(s.origins.port, "env STARMAP_PORT");
});

Deno.test("settings: a bad value names its origin and the setting", () => {
  assert.throws(
    () => resolveSection(SERVER_SETTINGS, { env: envOf({ PORT: "eighty" }) }),
    (e: unknown) =>
      e instanceof StarmapError && e.kind === "invalid" &&
      /^env PORT: expected a port number, got/.test(e.message) &&
      e.setting === "server.port",
  );
  assert.throws(
    () => resolveSection(WEIGHTS_SETTINGS, { config: { weights: { concurrency: 99 } } }),
    /config weights\.concurrency: expected a whole number from 1 to 16, got 99/,
  );
  assert.throws(
    () => resolveSection(SOURCES_SETTINGS, { flags: { timeoutMs: durationMs("soon") } }),
    /--timeout/,
  );
});

Deno.test("settings: a malformed URL is shown without the credentials typed into it", () => {
  assert.throws(
    () =>
      resolveSection(SERVER_SETTINGS, {
        env: envOf({ STARMAP_REDIS_URL: "redis//:s3cret@127.0.0.1:6379/0" }),
      }),
    (e: unknown) =>
      e instanceof StarmapError && !e.message.includes("s3cret") &&
      e.message.includes("redis//***@127.0.0.1"),
  );
});

Deno.test("settings: a variable that may not be read is noted, not mistaken for unset", () => {
  const s = resolveSection(WEIGHTS_SETTINGS, {
    env: envOf({ STARMAP_REGISTRY_URL: "http://127.0.0.1:1" }),
    envReadable: (name) => name !== "STARMAP_REGISTRY_URL",
  });
  assert.equal(s.values.registry, undefined);
  assert.match(
    s.notes.join("\n"),
    /STARMAP_REGISTRY_URL not read: permission .*--allow-env=STARMAP_REGISTRY_URL/,
  );
});

Deno.test("settings: one duration syntax, bare numbers in seconds", () => {
  assert.equal(durationMs("250ms"), 250);
  assert.equal(durationMs("30"), 30_000);
  assert.equal(durationMs("1.5m"), 90_000);
  assert.equal(durationMs("6h"), 21_600_000);
  assert.ok(Number.isNaN(durationMs("0")));
  assert.ok(Number.isNaN(durationMs("-1s")));
  assert.ok(Number.isNaN(durationMs("10 minutes")));
});

Deno.test("settings: a section of one's own declares its keys once", () => {
  const spec = {
    level: setting({ env: ["X_LEVEL"], default: 1, text: Number, schema: z.number().int(), doc: "x" }),
  };
  assert.equal(resolveSection(spec, { env: envOf({ X_LEVEL: "3" }) }).values.level, 3);
});
