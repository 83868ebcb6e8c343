/**
 * The public door of `runtime/`: what other folders use of it.
 *
 * @module
 */
export { homeDir, platformDir } from "./_dirs.ts";
export { freeBytes } from "./_disk.ts";
export {
  acquireFileLock,
  describeOwner,
  type FileLock,
  type LockOwner,
  LockTimeoutError,
} from "./_file_lock.ts";
export { allocatedBytes, ensureSizedFile, openAt, type RangeFile } from "./_files.ts";
export { page, terminalRows } from "./_pager.ts";
export { hostName, processAlive, processId, processStart } from "./_process_info.ts";
export { readLine } from "./_prompt.ts";
export {
  archName,
  args,
  env,
  exit,
  hasPermission,
  isTerminal,
  osName,
  runtimeVersion,
  terminalColumns,
  write,
} from "./_runtime.ts";
export {
  type RequestView,
  type StaticAnswer,
  type StaticParts,
  staticParts,
  staticResponse,
  type Wire,
} from "./_prepared.ts";
export { type RunningServer, type Servable, serve, webSocketUpgrader } from "./_serve.ts";
export { onStopSignal, type StopSignal } from "./_signals.ts";
