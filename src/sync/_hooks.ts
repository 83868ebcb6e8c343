/**
 * Firing the model hooks after a sync was applied. A hook that throws is recorded, never undoes the save.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import type { HookError, SyncHooks } from "./_options.ts";
import type { Offering as Model } from "../catalog/types.gen.ts";
import type { Changeset } from "../reconcile/types.gen.ts";

async function call(
  errors: HookError[],
  hook: keyof SyncHooks,
  key: string,
  fn: () => void | Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    errors.push({ hook, key, message: error instanceof Error ? error.message : String(error) });
  }
}

/** Calls the hooks for every added, updated and removed offering; returns the errors they threw. */
export async function fireHooks(
  changeset: Changeset,
  catalog: Catalog,
  hooks: SyncHooks | undefined,
): Promise<HookError[]> {
  const errors: HookError[] = [];
  if (!hooks) return errors;
  const { onModelAdded, onModelUpdated, onModelRemoved } = hooks;
  if (onModelAdded) {
    for (const m of changeset.offerings.added) {
      const key = `${m.provider}/${m.id}`;
      await call(errors, "onModelAdded", key, () => onModelAdded(catalog.offering(key) ?? (m as Model)));
    }
  }
  if (onModelUpdated) {
    for (const u of changeset.offerings.updated) {
      const model = catalog.offering(u.key);
      if (model) await call(errors, "onModelUpdated", u.key, () => onModelUpdated(model, u.changes));
    }
  }
  if (onModelRemoved) {
    for (const m of changeset.offerings.removed) {
      await call(errors, "onModelRemoved", `${m.provider}/${m.id}`, () => onModelRemoved(m as Model));
    }
  }
  return errors;
}
