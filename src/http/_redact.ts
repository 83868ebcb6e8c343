/**
 * Keeps secrets out of messages: header values that carry keys and URL query parameters that look like keys.
 *
 * @module
 */

/** Header names whose values are secrets, lowercased. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "x-goog-api-key",
  "api-key",
  "cookie",
]);

const secretParam = /key|token|secret|signature|password|^sig$|credential/i;

/** A URL fit for messages: query parameters that look like secrets show `***`, credentials are dropped. */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "(invalid URL)";
  }
  u.username = "";
  u.password = "";
  for (const name of [...u.searchParams.keys()]) {
    if (secretParam.test(name)) u.searchParams.set(name, "***");
  }
  return u.toString().replace(/%2A%2A%2A/g, "***");
}

/** Removes every occurrence of the given secret values from a text (a last line of defence for messages). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return out;
}

/** The secret values among request headers, for {@link scrub}. */
export function secretValues(headers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) continue;
    out.push(value);
    const bearer = /^Bearer\s+(.+)$/i.exec(value);
    if (bearer?.[1]) out.push(bearer[1]);
  }
  return out;
}
