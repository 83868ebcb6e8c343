/**
 * Where a provider's key comes from, as users keep them: an explicitly named variable, then the provider's
 * documented variables in order, then `STARMAP_<PROVIDER>_API_KEY`, then the config file's `apiKey`, which may be
 * a reference (`env:NAME`, `file:/path`). The key itself never leaves this module except to the request.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { starmapKeyEnv } from "./_known.ts";
import type { ProviderEndpoint } from "./_known.ts";

/** Reads an environment variable; `undefined` when unset or not permitted. */
export type EnvLookup = (name: string) => string | undefined;

/** Tells whether a variable may be read (a runtime permission); absent means yes. */
export type EnvAllowed = (name: string) => boolean;

/** A key and where it came from. */
export interface ResolvedKey {
  /** The key (for Vertex: the credentials JSON). */
  value: string | undefined;
  /** Where it came from: a variable name, `config`, `config env:NAME`, `config file:/path`. */
  origin: string | undefined;
  /** The variable to name in messages: where the key came from, or the first one it would. */
  keyEnv: string | undefined;
  /** The variables looked at, in order. */
  candidates: string[];
  /** Looked-at variables the process may not read. */
  denied: string[];
  /** What is wrong with the key found (unreadable file, unexpected shape); never the key itself. */
  problem: string | undefined;
}

/** What key resolution needs. */
export interface KeyInput {
  /** The provider id. */
  provider: string;
  /** The built-in facts of the provider, if any. */
  known: ProviderEndpoint | undefined;
  /** Key variables the catalog lists for the provider. */
  catalogEnv: readonly string[];
  /** A variable the user named (config `apiKeyEnv`, `--api-key-env`); looked at first. */
  apiKeyEnv: string | undefined;
  /** The config's `apiKey`: `env:NAME`, `file:/path`, or the key itself. */
  configKey: string | undefined;
  /** The environment lookup. */
  env: EnvLookup;
  /** The permission check. */
  envAllowed: EnvAllowed | undefined;
  /** A file read last when nothing else holds a key (Google's application-default credentials). */
  defaultFile?: string | undefined;
}

/** A catalog variable that holds a secret, not an account id, host or region. */
function isKeyVariable(name: string): boolean {
  return /(KEY|TOKEN|PAT|SECRET|CREDENTIALS)$/.test(name);
}

function readKeyFile(path: string): { value?: string; problem?: string } {
  try {
    const text = readFileSync(path, "utf8").trim();
    return text ? { value: text } : { problem: `file ${path} is empty` };
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).name;
    return { problem: `cannot read file ${path} (${code})` };
  }
}

function fromReference(
  ref: string,
  env: EnvLookup,
): { value?: string | undefined; origin: string; problem?: string } {
  if (ref.startsWith("env:")) {
    const name = ref.slice(4);
    const value = env(name);
    return { value, origin: `config env:${name}`, ...(value ? {} : { problem: `${name} is not set` }) };
  }
  if (ref.startsWith("file:")) {
    const path = ref.slice(5);
    return { origin: `config file:${path}`, ...readKeyFile(path) };
  }
  return { value: ref, origin: "config" };
}

/** Resolves a provider's key; the first source that holds one wins. */
export function resolveKey(input: KeyInput): ResolvedKey {
  const documented = input.known?.keyEnv ?? [];
  const fromCatalog = input.catalogEnv.filter(isKeyVariable);
  const candidates = [
    ...new Set([
      ...(input.apiKeyEnv ? [input.apiKeyEnv] : []),
      ...documented,
      ...fromCatalog,
      starmapKeyEnv(input.provider),
    ]),
  ];
  const denied = input.envAllowed ? candidates.filter((n) => !input.envAllowed!(n)) : [];
  const result = (value: string | undefined, origin: string | undefined, problem?: string): ResolvedKey => ({
    value,
    origin,
    keyEnv: origin ?? candidates[0],
    candidates,
    denied,
    problem: problem ?? (value ? shapeProblem(input.known, value) : undefined),
  });
  for (const name of candidates) {
    const raw = input.env(name);
    if (!raw) continue;
    if (!input.known?.keyIsFile) return result(raw, name);
    const file = readKeyFile(raw);
    return result(file.value, name, file.problem);
  }
  if (input.configKey) {
    const ref = fromReference(input.configKey, input.env);
    // For credentials-file providers a variable or literal names the file; `file:` already read it.
    if (input.known?.keyIsFile && ref.value && !input.configKey.startsWith("file:")) {
      const file = readKeyFile(ref.value);
      return result(file.value, ref.origin, file.problem);
    }
    return result(ref.value, ref.origin, ref.problem);
  }
  if (input.defaultFile) {
    const file = readKeyFile(input.defaultFile);
    if (file.value) return result(file.value, `file:${input.defaultFile}`);
  }
  return result(undefined, undefined);
}

function shapeProblem(known: ProviderEndpoint | undefined, key: string): string | undefined {
  if (!known?.keyPattern || known.keyPattern.test(key)) return undefined;
  return `the key does not have the shape of ${known.name} keys (expected ${
    known.keyShape ?? "another shape"
  })`;
}
