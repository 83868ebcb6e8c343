/**
 * The typed errors of the library. The CLI maps `kind` to an exit code and the server to an HTTP status,
 * each in one place. Messages and hints are neutral (no flag, variable or command of a face): `code`, `setting`
 * and `resource` say what failed on what, and each face words its own advice from them.
 *
 * @module
 */

/** What went wrong, in the terms the exit-code table of ARCHITECTURE.md uses. */
export type ErrorKind =
  | "unexpected"
  | "invalid"
  | "permission"
  | "not_found"
  | "not_installed"
  | "network"
  | "verification"
  | "storage";

/** Options of a {@link StarmapError}. */
export interface StarmapErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
  /** What the user can do about it, shown after the message. */
  hint?: string;
  /** Close matches for a name that was not found, nearest first. */
  suggestions?: readonly string[];
  /** The setting the error is about, as its config path (`server.port`), so each face can name its own spelling. */
  setting?: string;
  /** The resource the error is about (a file, a URL without credentials, a model reference). */
  resource?: string;
  /** A stable code that refines the kind (`unknown_provider`, `ENOSPC`), from which each face words its advice. */
  code?: string;
}

/** An error of starmap with a kind that decides its exit code and HTTP status. */
export class StarmapError extends Error {
  /** What went wrong. */
  readonly kind: ErrorKind;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** Close matches for a name that was not found, nearest first. */
  readonly suggestions: readonly string[];
  /** The setting the error is about, as its config path. */
  readonly setting: string | undefined;
  /** The resource the error is about. */
  readonly resource: string | undefined;
  /** A stable code that refines the kind. */
  readonly code: string | undefined;

  /** Creates an error of the given kind. */
  constructor(kind: ErrorKind, message: string, options: StarmapErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StarmapError";
    this.kind = kind;
    this.hint = options.hint;
    this.suggestions = options.suggestions ?? [];
    this.setting = options.setting;
    this.resource = options.resource;
    this.code = options.code;
  }
}

/** Tells whether a value is a {@link StarmapError}, optionally of one kind. */
export function isStarmapError(error: unknown, kind?: ErrorKind): error is StarmapError {
  return error instanceof StarmapError && (kind === undefined || error.kind === kind);
}
