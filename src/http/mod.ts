/**
 * The public door of `http/`: what other folders use of it.
 *
 * @module
 */
export { BodyTooLarge, decodeJson, readCapped } from "./_body.ts";
export {
  type BreakerState,
  CircuitBreaker,
  sharedBreaker,
  type SourceHealth,
  sourceHealth,
} from "./_breaker.ts";
export { BREAKER_FILE, loadBreaker, saveBreaker } from "./_breaker_file.ts";
export { ConditionalCache } from "./_cache.ts";
export { anySignal, type Deadline, deadline, type DeadlineOptions, withDeadline } from "./_deadline.ts";
export {
  type FetchFn,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStream,
  type RequestOptions,
} from "./_client.ts";
export { redactUrl } from "./_redact.ts";
export { backoffDelay, sleep } from "./_retry.ts";
