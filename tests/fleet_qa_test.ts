import assert from "node:assert/strict";
import { openFleet } from "../src/server/_fleet.ts";
import { initialCatalog } from "./helpers/fleet.ts";
import { startRedis } from "./helpers/redis.ts";

Deno.test("fleet: a refused Redis password is named in the note, without the password", async () => {
  const redis = await startRedis({ password: "right-pass" });
  const notes: string[] = [];
  const logger = { info: (l: string) => notes.push(l), error: (l: string) => notes.push(l) };
  const wrong = await openFleet({
    url: redis.url.replace("right-pass", "wrong-pass"),
    initial: initialCatalog(),
    replicaId: "W",
    logger,
  });
  const none = await openFleet({
    url: redis.url.replace(":right-pass@", ""),
    initial: initialCatalog(),
    replicaId: "N",
    logger,
  });
  try {
    assert.equal(wrong.status().state, "degraded");
    assert.ok(notes.some((n) => /WRONGPASS/.test(n)), notes.join("\n"));
    assert.ok(notes.some((n) => /NOAUTH/.test(n)), notes.join("\n"));
    assert.ok(notes.every((n) => !n.includes("wrong-pass")), "the password stays out of the notes");
  } finally {
    await wrong.close();
    await none.close();
    await redis.dispose();
  }
});
