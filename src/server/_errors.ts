/**
 * The one place that maps errors to HTTP status codes and the JSON error body `{error: {code, message}}`.
 *
 * @module
 */
import { z } from "zod";
import { type ErrorKind, isStarmapError, StarmapError } from "../errors.ts";
import { settingAt } from "../settings/mod.ts";
import { StreamLimitError } from "./_broker.ts";

/** The JSON body of every error response. */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    /** A stable machine-readable code, e.g. `invalid_parameter`. */
    code: z.string(),
    /** What failed and what to do, for humans. */
    message: z.string(),
    /** The query parameter, path segment or body field at fault. */
    parameter: z.string().optional(),
    /** Close matches for a name that was not found. */
    suggestions: z.array(z.string()).optional(),
  }),
});
/** The JSON body of every error response. */
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Options of an {@link HttpError}. */
export interface HttpErrorOptions {
  /** The parameter at fault. */
  parameter?: string;
  /** Close matches. */
  suggestions?: readonly string[];
  /** Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
}

/** An error that already knows its HTTP status and code. */
export class HttpError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The error code of the body. */
  readonly code: string;
  /** Details for the body and headers. */
  readonly options: HttpErrorOptions;

  /** Makes an error with a status, a code and a message. */
  constructor(status: number, code: string, message: string, options: HttpErrorOptions = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.options = options;
  }
}

const byKind: Record<ErrorKind, [number, string]> = {
  invalid: [400, "invalid"],
  permission: [403, "forbidden"],
  not_found: [404, "not_found"],
  not_installed: [404, "not_installed"],
  network: [502, "upstream_error"],
  verification: [502, "verification_failed"],
  storage: [500, "storage_error"],
  unexpected: [500, "internal"],
};

/** The server's advice by a library error's code, for a client of the HTTP API (never a CLI flag). */
const adviceByCode: Record<string, (e: StarmapError) => string> = {
  unknown_provider: (e) =>
    `${e.suggestions.length ? `did you mean: ${e.suggestions.join(", ")}? ` : ""}(GET /providers lists them)`,
  sources_skipped: () =>
    'the server has no API key for them: name other sources in the request\'s "sources", or ask its operator ' +
    "to set the keys",
};

/** A library error's hint as a client of the server reads it: the setting at fault belongs to the operator. */
function serverHint(error: StarmapError): string | undefined {
  const byCode = error.code === undefined ? undefined : adviceByCode[error.code];
  if (byCode) return byCode(error);
  if (error.setting === undefined) return error.hint;
  const key = settingAt(error.setting);
  const where = key?.env?.length ? `${key.env[0]} or config ${error.setting}` : `config ${error.setting}`;
  return `the server's setting ${error.setting} (${where}) is for its operator to change`;
}

/** Turns any thrown value into an {@link HttpError}; unknown errors become a 500 that reveals nothing. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StreamLimitError) {
    return error.scope === "client"
      ? new HttpError(429, "too_many_streams", `${error.message}: close one first`, {
        headers: { "retry-after": "5" },
      })
      : new HttpError(503, "too_many_streams", `${error.message}: try again later`, {
        headers: { "retry-after": "5" },
      });
  }
  if (error instanceof StarmapError) {
    const [status, code] = byKind[error.kind];
    if (status >= 500 && error.kind !== "network" && error.kind !== "verification") {
      return new HttpError(status, code, "internal server error");
    }
    const hint = serverHint(error);
    const message = hint ? `${error.message} (${hint})` : error.message;
    return new HttpError(
      status,
      code,
      message,
      error.suggestions.length ? { suggestions: error.suggestions } : {},
    );
  }
  return new HttpError(500, "internal", "internal server error");
}

/** The response for an error, with the JSON body and the error's headers. */
export function errorResponse(error: unknown): Response {
  const e = toHttpError(error);
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.message,
      ...(e.options.parameter ? { parameter: e.options.parameter } : {}),
      ...(e.options.suggestions?.length ? { suggestions: [...e.options.suggestions] } : {}),
    },
  };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { "content-type": "application/json; charset=utf-8", ...e.options.headers },
  });
}

/** A 400 naming the parameter at fault. */
export function badParameter(parameter: string, message: string, suggestions?: readonly string[]): HttpError {
  return new HttpError(400, "invalid_parameter", `${parameter}: ${message}`, {
    parameter,
    ...(suggestions?.length ? { suggestions } : {}),
  });
}

/**
 * Runs one of the catalog's resolvers on a name the request gave as `parameter`: the catalog's not-found becomes a
 * 400 naming the parameter, with the catalog's suggestions.
 */
export function resolveParameter<T>(parameter: string, name: string, resolve: (name: string) => T): T {
  try {
    return resolve(name);
  } catch (error) {
    if (!isStarmapError(error, "not_found")) throw error;
    throw badParameter(parameter, `unknown ${parameter} "${name.slice(0, 200)}"`, error.suggestions);
  }
}
