/**
 * Execute stage: run a notebook's code cells in order on a kernel and return
 * an executed copy (the input is never mutated). Like nbclient:
 *  - tags `skip-execution` (cell left as it is) and `raises-exception` (an
 *    error is expected and execution goes on);
 *  - the first unexpected error stops the notebook unless `allowErrors`;
 *  - empty cells are not sent and get no outputs.
 * Kernel start and shutdown belong to the caller (see run-notebook.ts), so
 * tests can drive this with a scripted kernel.
 */
import type { ICodeCell, INotebookContent } from "@jupyterlab/nbformat";
import type { ExecutingKernel } from "../kernel/client";
import { CellTimeoutError, KernelDiedError } from "../kernel/errors";
import { ensureCellIds } from "../notebook/cell-ids";
import { cellTags, joinMultiline, type CellLocation } from "../notebook/types";
import { OutputAssembler } from "./outputs";

/** tslab answers `abort` to requests that arrive within 200 ms of an error. */
export const ERROR_COOLDOWN_MS = 250;
/** How often a cell answered with `abort` (never run) is sent again before that counts as a failure. */
export const ABORT_RETRIES = 3;

const isAbort = (reply: { status: string }) => reply.status === "abort" || reply.status === "aborted";

export type FailureKind = "error" | "timeout" | "kernel-died" | "interrupted";

/** A cell that did not run as it should, with everything needed to report it. */
export interface CellFailure {
  kind: FailureKind;
  cell: CellLocation;
  source: string;
  /** The error text as the kernel printed it (type errors, stack trace), or our own explanation. */
  message: string;
}

export interface ExecuteOptions {
  timeoutMs: number;
  allowErrors?: boolean;
  /** Aborting stops before the next cell (the caller shuts the kernel down). */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ExecutionResult {
  notebook: INotebookContent;
  /** Errors met (with allowErrors there may be several; without, at most one). */
  failures: CellFailure[];
  /** True when execution stopped before the last cell. */
  stopped: boolean;
}

export function isCodeCell(cell: INotebookContent["cells"][number]): cell is ICodeCell {
  return cell.cell_type === "code";
}

export async function executeNotebook(
  source: INotebookContent,
  kernel: ExecutingKernel,
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const notebook = structuredClone(source);
  ensureCellIds(notebook);
  const codeCells = notebook.cells
    .map((cell, index) => ({ cell, index }))
    .filter((c): c is { cell: ICodeCell; index: number } => isCodeCell(c.cell));
  const failures: CellFailure[] = [];
  let done = 0;
  options.onProgress?.(done, codeCells.length);

  for (const { cell, index } of codeCells) {
    const location: CellLocation = { index, id: cell.id as string };
    const code = joinMultiline(cell.source);
    if (options.signal?.aborted) {
      failures.push({ kind: "interrupted", cell: location, source: code, message: "interrupted before this cell ran" });
      return { notebook, failures, stopped: true };
    }
    const tags = cellTags(cell);
    if (tags.includes("skip-execution")) {
      options.onProgress?.(++done, codeCells.length);
      continue;
    }
    if (!code.trim()) {
      cell.outputs = [];
      cell.execution_count = null;
      options.onProgress?.(++done, codeCells.length);
      continue;
    }

    const assembler = new OutputAssembler();
    let failure: CellFailure | undefined;
    let fatal = false;
    try {
      let reply = await kernel.execute(code, { timeoutMs: options.timeoutMs, onIopub: (m) => assembler.add(m) });
      // 'abort' means "not run": tslab aborts requests for 200 ms after an error, and on a loaded
      // machine its timer can fire after our cooldown. The cell never ran, so send it again.
      for (let retry = 0; isAbort(reply) && retry < ABORT_RETRIES; retry++) {
        await sleep(ERROR_COOLDOWN_MS);
        reply = await kernel.execute(code, { timeoutMs: options.timeoutMs, onIopub: (m) => assembler.add(m) });
      }
      cell.execution_count = reply.execution_count ?? null;
      if (reply.status !== "ok") {
        assembler.convertStderrToError();
        if (reply.status === "error") {
          if (!tags.includes("raises-exception")) failure = { kind: "error", cell: location, source: code, message: errorText(assembler) };
        } else {
          failure = {
            kind: "error",
            cell: location,
            source: code,
            message: `the kernel answered '${reply.status}' ${ABORT_RETRIES + 1} times (the cell was never run)`,
          };
        }
        await sleep(ERROR_COOLDOWN_MS);
      }
    } catch (err) {
      fatal = err instanceof KernelDiedError || (err instanceof CellTimeoutError && err.killed);
      const kind: FailureKind = err instanceof CellTimeoutError ? "timeout" : err instanceof KernelDiedError ? "kernel-died" : "error";
      failure = { kind, cell: location, source: code, message: err instanceof Error ? err.message : String(err) };
      cell.execution_count = null;
      if (!fatal) await sleep(ERROR_COOLDOWN_MS);
    }
    cell.outputs = assembler.result();
    options.onProgress?.(++done, codeCells.length);
    if (failure) {
      failures.push(failure);
      if (fatal || !options.allowErrors) return { notebook, failures, stopped: done < codeCells.length };
    }
  }
  return { notebook, failures, stopped: false };
}

function errorText(assembler: OutputAssembler): string {
  const last = assembler
    .result()
    .filter((o) => o.output_type === "error")
    .pop();
  if (!last) return "the cell failed";
  const traceback = (last as { traceback?: string[] }).traceback ?? [];
  return traceback.length ? traceback.join("\n") : `${String(last["ename"])}: ${String(last["evalue"])}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
