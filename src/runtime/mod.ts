/**
 * The public door of `runtime/`: what other folders use of it.
 *
 * @module
 */
export { platformDir } from "./dirs.ts";
export { freeBytes } from "./disk.ts";
export {
  acquireFileLock,
  describeOwner,
  type FileLock,
  type LockOwner,
  LockTimeoutError,
} from "./file_lock.ts";
export { allocatedBytes, ensureSizedFile, openAt, type RangeFile } from "./files.ts";
export { page, terminalRows } from "./pager.ts";
export { hostName, processAlive, processId, processStart } from "./process_info.ts";
export { readLine } from "./prompt.ts";
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
} from "./runtime.ts";
export { type RunningServer, serve, webSocketUpgrader } from "./serve.ts";
export { onStopSignal, type StopSignal } from "./signals.ts";
