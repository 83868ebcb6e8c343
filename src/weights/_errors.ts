/**
 * The weights library's errors with structured fields, so each face (CLI, server, a program) can word its own
 * advice: which setting is missing, which path failed with which system code, how much space was needed.
 *
 * @module
 */
import { StarmapError, type StarmapErrorOptions } from "../errors.ts";

/** A storage failure: what was done, on which path, the system's code, and for a full disk the numbers. */
export class WeightsStorageError extends StarmapError {
  /** What was being done, e.g. `write`. */
  readonly action: string;
  /** The path concerned. */
  readonly path: string;
  /** The system error code (`ENOSPC`, `EACCES`, `EROFS`, …), or `LOCK_TIMEOUT`, or `NO_SPACE` before a pull. */
  override readonly code: string;
  /** Bytes a pull needs on the file system (set for `NO_SPACE`). */
  readonly needed: number | undefined;
  /** Bytes free on the file system (set for `NO_SPACE`). */
  readonly available: number | undefined;
  /** Who holds a lock (set for `LOCK_TIMEOUT`). */
  readonly holder: string | undefined;

  /** Makes the error. */
  constructor(
    message: string,
    fields: {
      action: string;
      path: string;
      code: string;
      needed?: number;
      available?: number;
      holder?: string;
    },
    options: StarmapErrorOptions = {},
  ) {
    super("storage", message, { ...options, code: fields.code, resource: fields.path });
    this.name = "WeightsStorageError";
    this.action = fields.action;
    this.path = fields.path;
    this.code = fields.code;
    this.needed = fields.needed;
    this.available = fields.available;
    this.holder = fields.holder;
  }
}

/** The settings of the weights library that an operation may find unset, by their config path. */
export type WeightsSettingPath = "weights.registry" | "weights.dataDir";

/** A setting the operation needs is not set (`weights.registry`, `weights.dataDir`). */
export class MissingSettingError extends StarmapError {
  /** The setting's config path; each face names its own spelling of it. */
  override readonly setting: WeightsSettingPath;
  /** Why it could not be found out (e.g. environment access not granted). */
  readonly reason: string | undefined;

  /** Makes the error. */
  constructor(setting: WeightsSettingPath, message: string, reason?: string) {
    super("invalid", message, { setting, code: "setting_missing" });
    this.name = "MissingSettingError";
    this.setting = setting;
    this.reason = reason;
  }
}
