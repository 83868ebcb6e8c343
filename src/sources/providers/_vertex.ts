/**
 * Google Vertex AI's publisher-model list (`GET {location}-aiplatform.googleapis.com/v1beta1/publishers/google/
 * models`), authenticated with an OAuth 2.0 access token from a service-account key or application-default
 * credentials, paged with `pageSize`/`pageToken`. The project goes in `x-goog-user-project` for quota.
 *
 * @module
 */
import { z } from "zod";
import type { LifecycleStatus } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { StarmapError } from "../../errors.ts";
import { compact } from "../_compact.ts";
import { readEntries } from "./_entries.ts";
import { pageTokenQuery } from "./_google.ts";
import { payloadError } from "./_openai_compatible.ts";
import { readPages } from "./_paging.ts";
import type { ListRequest, Protocol } from "./_protocol.ts";
import { accessToken, credentialsProject, parseCredentials } from "./_vertex_auth.ts";

/** One publisher model of Vertex AI's list. */
export const VertexModel = z.looseObject({
  name: z.string().regex(/^publishers\/[^/]+\/models\/[^/]+$/),
  versionId: z.string().optional(),
  launchStage: z.string().optional(),
  openSourceCategory: z.string().optional(),
});
/** One publisher model of Vertex AI's list. */
export type VertexModel = z.infer<typeof VertexModel>;

/** Vertex AI's list page. */
export const VertexList = z.looseObject({
  publisherModels: z.array(z.unknown()).default([]),
  nextPageToken: z.string().optional(),
});

/** The fields of a Vertex entry that reach the catalog (the fields test pins this list). */
export const VERTEX_FIELDS_USED = ["name", "launchStage", "openSourceCategory"] as const;

/** Fields of Vertex entries deliberately left out, with the reason. */
export const VERTEX_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  versionId: "the publisher's version label, not part of the id users call",
  versionState: "stable or not, already said by launchStage",
  publisherModelTemplate: "a URL template of the model page",
  supportedActions: "console actions (deploy, open notebook), not model facts",
  frameworks: "notebook frameworks",
};

const STAGES: Readonly<Record<string, LifecycleStatus>> = {
  GA: "active",
  PUBLIC_PREVIEW: "preview",
  PRIVATE_PREVIEW: "preview",
  EXPERIMENTAL: "alpha",
  DEPRECATED: "deprecated",
};

/** Translates one publisher model (the id is the last segment of its name). */
export function fromVertex(provider: string, m: VertexModel): ListedRecord {
  const category = m.openSourceCategory;
  const open = category === "PROPRIETARY" ? false : category?.includes("OSS") ? true : undefined;
  return compact({
    id: m.name.split("/").at(-1)!,
    provider,
    status: m.launchStage ? STAGES[m.launchStage] : undefined,
    openWeights: open,
  });
}

function page(provider: string, value: unknown) {
  const parsed = VertexList.safeParse(value);
  if (!parsed.success) throw payloadError(provider, parsed.error);
  return parsed.data;
}

/** Vertex AI's protocol: `apiKey` holds the credentials JSON; `params.project` may name the quota project. */
export const vertexProtocol: Protocol = {
  keyOptional: false,
  async pages(r: ListRequest): Promise<unknown[]> {
    if (!r.apiKey) throw new StarmapError("invalid", `no credentials for "${r.provider}"`);
    const credentials = parseCredentials(r.provider, r.apiKey, r.keyEnv);
    const token = await accessToken(credentials, {
      http: r.http,
      provider: r.provider,
      origin: r.keyEnv,
      signal: r.signal,
    });
    const project = r.params.project ?? credentialsProject(credentials);
    return await readPages(r, {
      query: pageTokenQuery,
      next: (value) => page(r.provider, value).nextPageToken || undefined,
      headers: { authorization: `Bearer ${token}`, ...(project ? { "x-goog-user-project": project } : {}) },
    });
  },
  translate(provider, pages) {
    const entries = pages.flatMap((p) => page(provider, p).publisherModels);
    return readEntries(provider, entries, VertexModel, (m) => fromVertex(provider, m));
  },
};
