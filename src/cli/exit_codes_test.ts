import assert from "node:assert/strict";
import { StarmapError } from "../errors.ts";
import { ExitCode, reportError } from "./exit_codes.ts";
import { Interrupted } from "./interrupted.ts";

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
