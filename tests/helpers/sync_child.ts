// deno-lint-ignore-file no-console
/**
 * A child process for the lock tests: runs one sync of a few providers of a snapshot into a catalog directory and
 * exits with the CLI's exit code for any error. Prints `fetched` once its sources are in (before the lock).
 *
 * Arguments: `<dir> <old|new> <lockTimeoutMs>`.
 *
 * @module
 */
import { reportError } from "../../src/cli/_exit_codes.ts";
import { sync } from "../../src/sync/_pipeline.ts";
import { FixedSource } from "./snapshot_source.ts";
import { newResult, oldResult } from "./sync_fixtures.ts";

const [dir, which, lockTimeout] = Deno.args;
const source = new FixedSource("models.dev", "models_dev", which === "old" ? oldResult() : newResult());
try {
  const result = await sync({
    sources: [source],
    catalogDir: dir!,
    force: true,
    lockTimeoutMs: Number(lockTimeout),
    confirm: () => {
      console.log("fetched");
      return true;
    },
  });
  console.log(`${result.status} ${result.data.offerings.length}`);
} catch (error) {
  const report = reportError(error, false);
  console.error(report.message);
  Deno.exit(report.code);
}
