import assert from "node:assert/strict";
import { UpdateProgress } from "./_update_progress.ts";

Deno.test("update progress prints a line per finished source and redraws the sources still fetching", () => {
  let out = "";
  const view = new UpdateProgress((t) => void (out += t));
  view.event({ id: "models.dev", state: "fetching" });
  view.event({ id: "litellm", state: "fetching" });
  assert.match(out, /fetching models\.dev, litellm…$/);
  view.event({ id: "litellm", state: "failed", ms: 120, error: "HTTP 404" });
  view.event({ id: "models.dev", state: "done", ms: 2300, models: 812 });
  view.done();
  // What the terminal shows once carriage returns and line clears are applied.
  const screen = out.split("\n").map((line) => line.split("\r\x1b[K").pop()).join("\n");
  assert.equal(
    screen,
    "source litellm: FAILED after 0.1 s: HTTP 404\nsource models.dev: 812 models (2.3 s)\n",
  );
});
