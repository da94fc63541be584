/** Failures of the kernel itself (as opposed to errors raised by a cell's code). */

/** The kernel process exited while we still needed it (crash, `process.exit()`, OOM kill). */
export class KernelDiedError extends Error {
  override name = "KernelDiedError";
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderrTail: string,
  ) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    super(`the kernel ${how}${stderrTail.trim() ? `; its last stderr:\n${stderrTail.trimEnd()}` : ""}`);
  }
}

/** The kernel did not become ready (kernel_info_reply plus an iopub message) in time. */
export class KernelStartError extends Error {
  override name = "KernelStartError";
}

/** The kernel could not bind one of its ports (another process took it first). */
export class PortInUseError extends KernelStartError {
  override name = "PortInUseError";
}

/** A cell ran longer than its timeout; the kernel was interrupted (SIGINT) or killed. */
export class CellTimeoutError extends Error {
  override name = "CellTimeoutError";
  constructor(
    readonly timeoutMs: number,
    readonly killed: boolean,
  ) {
    super(
      `timed out after ${timeoutMs / 1000} s; the kernel was ${killed ? "killed (SIGINT did not stop it)" : "interrupted with SIGINT"}`,
    );
  }
}
