import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import {
  CATALOG_SETTINGS,
  OUTPUT_SETTINGS,
  PRICING_SETTINGS,
  SERVER_SETTINGS,
  SOURCES_SETTINGS,
  WEIGHTS_SETTINGS,
} from "../settings/mod.ts";
import { cliHint, settingAdvice } from "./_advice.ts";

Deno.test("the advice on a setting names the flag and variable the setting declares", () => {
  const sections = [
    OUTPUT_SETTINGS,
    CATALOG_SETTINGS,
    SOURCES_SETTINGS,
    SERVER_SETTINGS,
    WEIGHTS_SETTINGS,
    PRICING_SETTINGS,
  ];
  for (const key of sections.flatMap((s) => Object.values(s))) {
    if (!key.config) continue;
    const advice = settingAdvice(key.config);
    if (key.flag) assert.ok(advice.includes(`pass ${key.flag.split("/").at(-1)}`), advice);
    if (key.env?.length) assert.ok(advice.includes(`set ${key.env[0]}`), advice);
    assert.ok(advice.includes(key.config), advice);
  }
  assert.equal(settingAdvice("nowhere.known"), "set nowhere.known in the config file");
});

Deno.test("the CLI's hint: by code first, else the library's hint with the setting's advice", () => {
  const dir = new StarmapError("invalid", "no catalog directory", {
    code: "catalog_dir_missing",
    setting: "catalog.dir",
    hint: "name a catalog directory, or make it a dry run",
  });
  assert.equal(
    cliHint(dir),
    "pass --catalog-dir or set STARMAP_CATALOG_DIR (config catalog.dir), or use --dry",
  );
  const pricing = new StarmapError("invalid", "bad file", { setting: "pricing.file", hint: "fix the file" });
  assert.equal(
    cliHint(pricing),
    "fix the file; pass --pricing-file or set STARMAP_PRICING_FILE (config pricing.file)",
  );
  assert.equal(cliHint(new StarmapError("invalid", "plain", { hint: "as is" })), undefined);
});
