import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import { ExitCode, reportError } from "./_exit_codes.ts";
import { Interrupted } from "./_interrupted.ts";

Deno.test("a stop signal maps to 128 + its number, with the hint and, at -v, the cause", () => {
  const cause = new Error("the pull was aborted");
  const int = reportError(new Interrupted("SIGINT", { cause, hint: "run it again" }), false);
  assert.deepEqual(int, {
    code: ExitCode.interrupted,
    message: "starmap: interrupted by SIGINT\nhint: run it again\n",
  });
  assert.equal(int.code, 130);
  const term = reportError(new Interrupted("SIGTERM", { cause }), true);
  assert.equal(term.code, 143);
  assert.equal(term.message, "starmap: interrupted by SIGTERM\n  caused by: the pull was aborted\n");
});

Deno.test("error kinds keep their codes", () => {
  assert.equal(reportError(new StarmapError("not_found", "x"), false).code, 3);
  assert.equal(reportError(new StarmapError("unexpected", "x"), false).code, 1);
  assert.equal(reportError(new Error("boom"), false).code, 1);
});

Deno.test("a missing permission wrapped by the library still exits 2 with the flag to add", () => {
  const denied = new Error('Requires read access to "/srv/x", run again with the --allow-read flag');
  denied.name = "NotCapable";
  const report = reportError(new StarmapError("storage", "cannot read /srv/x", { cause: denied }), false);
  assert.equal(report.code, 2);
  assert.match(report.message, /Requires read access to "\/srv\/x"/);
  assert.match(report.message, /hint: grant it with --allow-read/);
});
