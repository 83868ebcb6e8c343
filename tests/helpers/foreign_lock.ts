/**
 * A model lock held by a pull on another host, as that pull would have written it: a lease that runs out at a
 * given time, which this host cannot check by process id.
 *
 * @module
 */
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Writes `acme@tiny.lock` of a pull on `another-host.example` (pid 4242) whose lease (30 s) ends in
 * `expiresInMs`; the file's time is that of its last renewal, a lease before it ends (now at the latest).
 */
export async function writeForeignLock(data: string, expiresInMs: number): Promise<void> {
  await mkdir(join(data, ".locks"), { recursive: true });
  const now = Date.now();
  const path = join(data, ".locks", "acme@tiny.lock");
  await writeFile(
    path,
    JSON.stringify({
      pid: 4242,
      host: "another-host.example",
      started: new Date(now - 120_000).toISOString(),
      since: new Date(now - 60_000).toISOString(),
      expires: new Date(now + expiresInMs).toISOString(),
      purpose: "pull acme/tiny 1",
      lease: 30_000,
      token: "elsewhere",
    }),
  );
  const renewed = new Date(Math.min(now, now + expiresInMs - 30_000));
  await utimes(path, renewed, renewed);
}
