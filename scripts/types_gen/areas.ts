/**
 * What `deno task types:gen` generates: for each area of starmap, the zod schemas whose TypeScript types become
 * the public types of the package, and the file they are written to.
 *
 * @module
 */

/** One generated type. */
export interface TypeSpec {
  /** The name of the generated type. */
  name: string;
  /** The exported schema it is generated from. @default name */
  schema?: string;
  /** Generate the schema's input type (defaults may be left out) instead of its output type. */
  io?: "input";
}

/** The schemas of one module that are generated. */
export interface ModuleSpec {
  /** The schema module, relative to the project root. */
  path: string;
  /** The types to generate, in order. A string is a type of the same name as its schema. */
  types: (string | TypeSpec)[];
}

/** One generated file. */
export interface AreaSpec {
  /** The generated file, relative to the project root. */
  out: string;
  /** The modules whose schemas it holds. */
  modules: ModuleSpec[];
  /** Also declare the JSON value type (`z.json()`) in this file. */
  json?: boolean;
  /**
   * The generated file of the same folder that re-exports this one, so that other folders keep importing one file
   * (a folder's types are split across files only to keep each file small).
   */
  via?: string;
}

/** The name of the generated type of `z.json()`. */
export const JSON_TYPE = "JsonValue";

/**
 * Schemas that are generated under the name of another one: `ModelFields` is `Model` without its cross-field
 * check, so they share one type.
 */
export const SAME_AS: Readonly<Record<string, string>> = {
  "src/catalog/_schema.ts#ModelFields": "src/catalog/_schema.ts#Model",
  "src/catalog/_schema.ts#OfferingFields": "src/catalog/_schema.ts#Offering",
};

/** Every generated file. */
export const AREAS: readonly AreaSpec[] = [
  {
    out: "src/catalog/types_offering.gen.ts",
    via: "src/catalog/types.gen.ts",
    modules: [
      {
        path: "src/catalog/_schema_pricing.ts",
        types: ["Prices", "PriceTier", "ServiceRate", "Currency", "Pricing"],
      },
      {
        path: "src/catalog/_schema_offering.ts",
        types: [
          "CanonicalModelId",
          "Operation",
          "RequestParam",
          "ParamRange",
          "LifecycleStatus",
          "Lifecycle",
          "RateLimits",
          "LinkMethod",
          "OfferingLink",
        ],
      },
    ],
  },
  {
    out: "src/catalog/types_query.gen.ts",
    via: "src/catalog/types.gen.ts",
    modules: [
      { path: "src/catalog/_filter.ts", types: ["ModelSortKey", "Capability", "ModelFilter"] },
      { path: "src/catalog/_summary.ts", types: ["ProviderSummary", "AuthorSummary"] },
    ],
  },
  {
    out: "src/catalog/types.gen.ts",
    json: true,
    modules: [
      {
        path: "src/catalog/_schema.ts",
        types: [
          "CatalogDate",
          "Slug",
          "ModelId",
          "Modality",
          "ModelStatus",
          "EndpointType",
          "Endpoint",
          "UrlTemplate",
          "Provider",
          "Author",
          "ReasoningOption",
          "Capabilities",
          "Limits",
          "Modalities",
          "OpenWeights",
          "Model",
          "ModelRecord",
          "Offering",
          "OfferingRecord",
          "ProviderRecord",
          "AuthorRecord",
          "CatalogData",
        ],
      },
    ],
  },
  {
    out: "src/reconcile/types.gen.ts",
    modules: [
      {
        path: "src/reconcile/_changeset.ts",
        types: ["FieldChange", "RecordUpdate", "ChangeCounts", "LinkMove", "ChangeSummary", "Changeset"],
      },
      { path: "src/reconcile/_provenance.ts", types: ["ProvenanceEntry", "LinkEntry", "Provenance"] },
    ],
  },
  {
    out: "src/pricing/types.gen.ts",
    modules: [
      {
        path: "src/pricing/_schema.ts",
        types: [
          "TokenUsage",
          { name: "TokenUsageInput", schema: "TokenUsage", io: "input" },
          "Usage",
          { name: "UsageInput", schema: "Usage", io: "input" },
          "CostComponentName",
          "CostUnit",
          "CostService",
          "CostRequest",
          { name: "CostRequestInput", schema: "CostRequest", io: "input" },
          "PriceOrigin",
          "CostComponent",
          "CostStatus",
          "CostBreakdown",
          "CostResponse",
        ],
      },
      { path: "src/pricing/export/mod.ts", types: ["PriceExportFormat"] },
    ],
  },
  {
    out: "src/weights/types.gen.ts",
    modules: [
      {
        path: "src/weights/_schema.ts",
        types: [
          "IndexEntry",
          "RegistryIndex",
          "ManifestFile",
          "Manifest",
          "InstalledEntry",
          "InstalledIndex",
          "LocalAliases",
        ],
      },
    ],
  },
  {
    out: "src/sync/types.gen.ts",
    modules: [{ path: "src/sync/_report.ts", types: ["UpdateReport"] }],
  },
  {
    out: "src/server/types.gen.ts",
    modules: [
      {
        path: "src/server/_events.ts",
        types: ["StreamEvent"],
      },
      { path: "src/server/_generation.ts", types: ["GenerationManifest"] },
    ],
  },
  {
    out: "src/config/types.gen.ts",
    modules: [
      {
        path: "src/config/_sections.ts",
        types: [
          "PricingConfig",
          "WeightsConfig",
          "SourcesConfig",
          "ProviderApiConfig",
          "ProvidersConfig",
          "ReconcileStrategy",
          "ReconcileConfig",
          "ServerConfig",
        ],
      },
      { path: "src/config/_schema.ts", types: ["OutputConfig", "CatalogConfig", "Config"] },
    ],
  },
];
