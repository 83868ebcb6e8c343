/**
 * The release workflow publishes what the README's install section promises: binaries on the GitHub release
 * and the package on JSR (the name and entry point in deno.json), published with OIDC so it carries provenance.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { DENO_PERMISSIONS } from "../scripts/compile.ts";
import { ROOT } from "./helpers/cli.ts";

interface Step {
  run?: string;
  uses?: string;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(await Deno.readTextFile(`${ROOT}.github/workflows/release.yml`)) as {
  on: { push: { tags: string[] } };
  jobs: Record<string, Job>;
};
const denoJson = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as {
  name: string;
  version: string;
  exports: Record<string, string>;
};
const readme = await Deno.readTextFile(`${ROOT}README.md`);

Deno.test("a version tag publishes to JSR with an OIDC token, after the binaries build", () => {
  assert.deepEqual(workflow.on.push.tags, ["v*"]);
  const jsr = workflow.jobs.jsr!;
  assert.ok(jsr, "a jsr job");
  assert.equal(jsr.permissions?.["id-token"], "write", "OIDC: no secret, provenance");
  const runs = jsr.steps.map((s) => s.run ?? "");
  assert.ok(runs.some((r) => /^deno publish\s*$/.test(r.trim())), "publishes for real");
  assert.ok(runs.some((r) => r.includes("deno publish --dry-run")), "checks first");
  assert.ok(
    runs.some((r) => r.includes('"v$version" != "$TAG"')),
    "refuses a tag that is not deno.json's version",
  );
  assert.ok(!runs.some((r) => r.includes("--no-provenance")));
  const needs = [workflow.jobs.release!.needs].flat();
  assert.ok(needs.includes("jsr"), "the GitHub release waits for the JSR publish");
});

Deno.test("the README installs what the workflow publishes", () => {
  assert.equal(denoJson.name, "@starmap/cli");
  assert.equal(denoJson.exports["."], "./main.ts", "jsr:@starmap/cli runs main.ts, which starts the CLI");
  assert.match(readme, /deno run --allow-net jsr:@starmap\/cli models list/);
  assert.match(readme, new RegExp(`jsr:${denoJson.name.replace("/", "\\/")}`));
  const compile = workflow.jobs.build!.steps.find((s) => s.run?.includes("deno compile"))?.run ?? "";
  assert.match(compile, /src\/cli\/_main\.ts/);
  for (const flag of DENO_PERMISSIONS) assert.ok(compile.includes(flag), `release binaries get ${flag}`);
  assert.match(readme, /starmap-<version>-<os>-<arch>\.tar\.gz/);
});
