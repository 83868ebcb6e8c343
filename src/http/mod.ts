/**
 * The public door of `http/`: what other folders use of it.
 *
 * @module
 */
export { BodyTooLarge, decodeJson, readCapped } from "./body.ts";
export {
  type BreakerState,
  CircuitBreaker,
  sharedBreaker,
  type SourceHealth,
  sourceHealth,
} from "./breaker.ts";
export { BREAKER_FILE, loadBreaker, saveBreaker } from "./breaker_file.ts";
export { ConditionalCache } from "./cache.ts";
export { anySignal, type Deadline, deadline, type DeadlineOptions, withDeadline } from "./deadline.ts";
export {
  type FetchFn,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStream,
  type RequestOptions,
} from "./client.ts";
export { redactUrl } from "./redact.ts";
export { backoffDelay, sleep } from "./retry.ts";
