/**
 * A model lock held by a pull on another host, as that pull would have written it: a lease that runs out at a
 * given time, which this host cannot check by process id.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Writes `acme@tiny.lock` of a pull on `another-host.example` (pid 4242) whose lease ends in `expiresInMs`. */
export async function writeForeignLock(data: string, expiresInMs: number): Promise<void> {
  await mkdir(join(data, ".locks"), { recursive: true });
  const now = Date.now();
  await writeFile(
    join(data, ".locks", "acme@tiny.lock"),
    JSON.stringify({
      pid: 4242,
      host: "another-host.example",
      started: new Date(now - 120_000).toISOString(),
      since: new Date(now - 60_000).toISOString(),
      expires: new Date(now + expiresInMs).toISOString(),
      purpose: "pull acme/tiny 1",
      token: "elsewhere",
    }),
  );
}
