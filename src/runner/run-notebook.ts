/**
 * One notebook through the pipeline: read → start a kernel in the notebook's
 * folder → execute → write (run) or compare (check) → always shut the kernel
 * down. Returns a typed outcome; printing is the CLI's job.
 */
import { dirname, resolve } from "node:path";
import { TslabKernel, type ExecutingKernel } from "../kernel/client";
import { NotebookError } from "../notebook/errors";
import { readNotebook } from "../notebook/read";
import { KERNEL_NAME } from "../notebook/types";
import { serializeNotebook, writeFileAtomic } from "../notebook/write";
import { compareNotebooks, type CellMismatch } from "./compare";
import { executeNotebook, type CellFailure } from "./execute";
import type { Tolerance } from "./tolerance";
import { recordVersions, toolVersions } from "./versions";

export type Mode = "run" | "check";

export interface NotebookJob {
  path: string;
  mode: Mode;
  projectRoot: string;
  timeoutMs: number;
  allowErrors: boolean;
  tolerance: Tolerance;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Injected in tests; default starts a real tslab kernel. */
  startKernel?: (cwd: string) => Promise<ExecutingKernel>;
}

export type NotebookOutcome =
  | { status: "ok"; path: string; cells: number; written: boolean; ms: number }
  | { status: "bad-input"; path: string; error: NotebookError; ms: number }
  | { status: "failed"; path: string; failures: CellFailure[]; ms: number }
  | { status: "mismatch"; path: string; mismatches: CellMismatch[]; ms: number }
  | { status: "interrupted"; path: string; ms: number }
  /** Not about a cell: the kernel did not start, or the file could not be written. */
  | { status: "error"; path: string; message: string; ms: number };

export async function runNotebook(job: NotebookJob): Promise<NotebookOutcome> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  let file;
  try {
    file = await readNotebook(job.path, { kernels: [KERNEL_NAME] });
  } catch (err) {
    if (err instanceof NotebookError) return { status: "bad-input", path: job.path, error: err, ms: ms() };
    throw err;
  }
  if (job.signal?.aborted) return { status: "interrupted", path: job.path, ms: ms() };
  const cwd = dirname(resolve(job.path));
  const start =
    job.startKernel ?? ((dir: string) => TslabKernel.start({ projectRoot: job.projectRoot, cwd: dir, kernelName: KERNEL_NAME }));
  const kernel = await start(cwd);
  const stopOnAbort = () => void kernel.shutdown();
  job.signal?.addEventListener("abort", stopOnAbort, { once: true });
  try {
    const result = await executeNotebook(file.notebook, kernel, {
      timeoutMs: job.timeoutMs,
      allowErrors: job.allowErrors,
      ...(job.signal ? { signal: job.signal } : {}),
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    });
    if (job.signal?.aborted) return { status: "interrupted", path: job.path, ms: ms() };
    const fatal = result.failures.filter(
      (f) => !job.allowErrors || f.kind === "kernel-died" || f.kind === "timeout" || f.kind === "interrupted",
    );
    if (fatal.length || (result.stopped && result.failures.length))
      return { status: "failed", path: job.path, failures: result.failures, ms: ms() };
    const cells = result.notebook.cells.length;
    if (job.mode === "check") {
      const mismatches = compareNotebooks(file.notebook, result.notebook, job.tolerance);
      if (mismatches.length) return { status: "mismatch", path: job.path, mismatches, ms: ms() };
      return { status: "ok", path: job.path, cells, written: false, ms: ms() };
    }
    recordVersions(result.notebook, toolVersions(job.projectRoot));
    const text = serializeNotebook(result.notebook);
    const written = text !== file.text;
    if (written) await writeFileAtomic(job.path, text);
    return { status: "ok", path: job.path, cells, written, ms: ms() };
  } finally {
    job.signal?.removeEventListener("abort", stopOnAbort);
    await kernel.shutdown();
  }
}
