import assert from "node:assert/strict";
import { isStarmapError } from "../../errors.ts";
import { WeightsStorageError } from "../../weights/mod.ts";
import { advise } from "./_weights_advice.ts";

Deno.test("a full disk that interrupted nothing gets no advice to resume", () => {
  for (const action of ["lock", "write chunk to", "update"]) {
    const full = new WeightsStorageError(`cannot ${action} /m/x: ENOSPC`, {
      action,
      path: "/m/x",
      code: "ENOSPC",
    });
    const advised = advise(full, ["acme/tiny", "1"]);
    assert.ok(isStarmapError(advised));
    assert.match(advised.hint ?? "", /free some disk space/);
    assert.doesNotMatch(advised.hint ?? "", /resume/, action);
  }
});
