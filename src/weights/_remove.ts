/**
 * Removing installed versions: under the model's lock (a running pull of the model is waited for, saying who
 * holds it), the versions leave `registry.json`, their directories go, and stored files no other version links
 * are deleted; the bytes freed are what the disk really got back.
 *
 * @module
 */
import { mkdir, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { isStarmapError, StarmapError } from "../errors.ts";
import type { WeightsContext } from "./_context.ts";
import { parseModelRef } from "./_model_ref.ts";
import { checkName } from "./_safe_path.ts";
import { storage } from "./_storage_error.ts";
import type { RemoveResult } from "./_types.ts";
import { listInstalled } from "./_updates.ts";

/** Removes one version or every version of a model (see `WeightsManager.remove`). */
export async function removeVersions(
  ctx: WeightsContext,
  ref: string,
  version: string | undefined,
  signal?: AbortSignal,
): Promise<RemoveResult> {
  const { group, model } = parseModelRef(ref);
  if (version !== undefined) checkName(version, "version", "invalid");
  const store = ctx.store;
  const lock = await store.modelLock(group, model, {
    timeoutMs: ctx.options.lockTimeoutMs ?? 30_000,
    signal: ctx.signal(signal),
    purpose: `remove ${group}/${model}${version ? ` ${version}` : ""}`,
  });
  try {
    const mine = (await listInstalled(ctx)).filter((i) => i.ref === `${group}/${model}`);
    // A local alias (`latest`) names the version it points to, as it does for path and info.
    const target = version === undefined || mine.some((i) => i.version === version)
      ? version
      : (await store.readAliases())[`${group}/${model}`]?.[version];
    const removed = version === undefined ? mine : mine.filter((i) => i.version === target);
    if (!removed.length) {
      const what = version === undefined ? `no version of ${group}/${model}` : `${group}/${model} ${version}`;
      throw new StarmapError("not_installed", `${what} ${version === undefined ? "is" : "is not"} installed`);
    }
    const freedBytes = await store.withStateLock(async () => {
      await store.writeRegistry((registry) => {
        for (const r of removed) delete registry[group]?.[model]?.[r.version];
      });
      let freed = 0;
      for (const r of removed) {
        const trash = join(store.root, ".staging", `removed-${crypto.randomUUID().slice(0, 8)}`);
        await storage("remove", r.path, async () => {
          await mkdir(join(trash, ".."), { recursive: true });
          await rename(r.path, trash).catch((e) =>
            (e as { code?: string }).code === "ENOENT" ? undefined : Promise.reject(e)
          );
          freed += await store.diskUsage(trash, true);
          await rm(trash, { recursive: true, force: true });
        });
        for (const [alias, target] of Object.entries((await store.readAliases())[r.ref] ?? {})) {
          if (target === r.version) await store.writeAlias(r.ref, alias, undefined);
        }
      }
      return freed + (await store.collect()).bytes;
    });
    for (const dir of [join(store.root, group, model), join(store.root, group)]) {
      await rmdir(dir).catch(() => {});
    }
    return { removed, freedBytes };
  } finally {
    await lock.release();
  }
}

/** Removes every installed version. */
export async function removeAll(ctx: WeightsContext, signal?: AbortSignal): Promise<RemoveResult> {
  const refs = [...new Set((await listInstalled(ctx)).map((i) => i.ref))];
  const out: RemoveResult = { removed: [], freedBytes: 0 };
  for (const ref of refs) {
    const r = await removeVersions(ctx, ref, undefined, signal).catch((e) =>
      isStarmapError(e, "not_installed") ? { removed: [], freedBytes: 0 } : Promise.reject(e)
    );
    out.removed.push(...r.removed);
    out.freedBytes += r.freedBytes;
  }
  return out;
}
