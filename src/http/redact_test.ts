import assert from "node:assert/strict";
import { redactUrl } from "./mod.ts";

Deno.test("redactUrl: credentials and secret-looking query values are hidden, the path and other parameters kept", () => {
  const shown = redactUrl(
    "https://u:p4ss@registry.example/v1/?sig=abcd1234&X-Amz-Signature=ffee&api_key=k1&page=2",
  );
  assert.equal(shown, "https://registry.example/v1/?sig=***&X-Amz-Signature=***&api_key=***&page=2");
  assert.equal(redactUrl("not a url"), "(invalid URL)");
});
