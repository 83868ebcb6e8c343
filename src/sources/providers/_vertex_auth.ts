/**
 * Google credentials for Vertex AI: a service-account key (the OAuth 2.0 JWT-bearer grant, RFC 7523, signed with
 * RS256 through Web Crypto) or the `authorized_user` application-default credentials `gcloud` writes (the
 * refresh-token grant). Access tokens are kept until shortly before they expire.
 *
 * @module
 */
import { z } from "zod";
import { StarmapError } from "../../errors.ts";
import type { HttpClient } from "../../http/mod.ts";

/** The OAuth scope that covers Vertex AI. */
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

/** A service-account key file. */
const ServiceAccount = z.looseObject({
  type: z.literal("service_account"),
  client_email: z.string().min(1),
  private_key: z.string().includes("PRIVATE KEY"),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
  project_id: z.string().optional(),
});

/** Application-default credentials of a user (`gcloud auth application-default login`). */
const AuthorizedUser = z.looseObject({
  type: z.literal("authorized_user"),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
  token_uri: z.url().optional(),
  quota_project_id: z.string().optional(),
});

/** Google credentials starmap can use. */
export const GoogleCredentials = z.discriminatedUnion("type", [ServiceAccount, AuthorizedUser]);
/** Google credentials starmap can use. */
export type GoogleCredentials = z.infer<typeof GoogleCredentials>;

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

/** Reads a credentials JSON text; fails naming what is wrong, never quoting the secret. */
export function parseCredentials(
  provider: string,
  text: string,
  origin: string | undefined,
): GoogleCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StarmapError(
      "invalid",
      `cannot read the credentials of "${provider}": ${origin ?? "it"} is not JSON`,
      {
        hint:
          "point GOOGLE_APPLICATION_CREDENTIALS at a service-account key file or application-default credentials",
      },
    );
  }
  const parsed = GoogleCredentials.safeParse(value);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path.join(".") || "type");
    throw new StarmapError(
      "invalid",
      `cannot read the credentials of "${provider}": ${origin ?? "the credentials"} has no usable ${field}`,
      { hint: "expected type service_account or authorized_user" },
    );
  }
  return parsed.data;
}

/** The project the credentials name, if any. */
export function credentialsProject(c: GoogleCredentials): string | undefined {
  return c.type === "service_account" ? c.project_id : c.quota_project_id;
}

function base64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const encoder = new TextEncoder();

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
  const bin = atob(body);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Signs the JWT-bearer assertion of a service account (RS256, one hour, audience = the token URI). */
export async function signAssertion(
  sa: Extract<GoogleCredentials, { type: "service_account" }>,
  nowSeconds: number,
): Promise<string> {
  const audience = sa.token_uri ?? DEFAULT_TOKEN_URI;
  const header = { alg: "RS256", typ: "JWT", ...(sa.private_key_id ? { kid: sa.private_key_id } : {}) };
  const claims = {
    iss: sa.client_email,
    scope: CLOUD_PLATFORM_SCOPE,
    aud: audience,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  };
  const input = `${base64url(encoder.encode(JSON.stringify(header)))}.${
    base64url(encoder.encode(JSON.stringify(claims)))
  }`;
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "pkcs8",
      pemToDer(sa.private_key),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch (cause) {
    throw new StarmapError("invalid", "cannot read the private key of the service account", { cause });
  }
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

const cache = new Map<string, { token: string; until: number }>();

/** Options of {@link accessToken}. */
export interface AccessTokenOptions {
  /** The HTTP client (the token request goes through the same core, under the provider's breaker). */
  http: HttpClient;
  /** The provider id, for messages. */
  provider: string;
  /** Where the credentials came from, named in messages. */
  origin: string | undefined;
  /** Cancels the request. */
  signal: AbortSignal;
  /** The clock in milliseconds. @default Date.now */
  now?: () => number;
}

/** An OAuth 2.0 access token for the credentials, from the cache while it has more than a minute left. */
export async function accessToken(c: GoogleCredentials, options: AccessTokenOptions): Promise<string> {
  const now = (options.now ?? Date.now)();
  const tokenUri = c.token_uri ?? DEFAULT_TOKEN_URI;
  const id = c.type === "service_account" ? c.client_email : c.client_id;
  const cached = cache.get(`${tokenUri} ${id}`);
  if (cached && cached.until - 60_000 > now) return cached.token;
  const form = new URLSearchParams(
    c.type === "service_account"
      ? {
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: await signAssertion(c, Math.floor(now / 1000)),
      }
      : {
        grant_type: "refresh_token",
        client_id: c.client_id,
        client_secret: c.client_secret,
        refresh_token: c.refresh_token,
      },
  );
  const { value } = await options.http.getJson(tokenUri, {
    source: options.provider,
    signal: options.signal,
    keyEnv: options.origin,
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const parsed = TokenResponse.safeParse(value);
  if (!parsed.success) {
    throw new StarmapError(
      "network",
      `cannot fetch source "${options.provider}": the token endpoint sent no access_token`,
    );
  }
  const until = now + (parsed.data.expires_in ?? 3600) * 1000;
  cache.set(`${tokenUri} ${id}`, { token: parsed.data.access_token, until });
  return parsed.data.access_token;
}
