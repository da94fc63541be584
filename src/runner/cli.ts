/**
 * `nb run|check [paths…]`: the runner's command line. Exit codes: 0 all ok,
 * 1 a cell failed or outputs differ, 2 bad input or usage, 130 interrupted.
 */
import { availableParallelism } from "node:os";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { fileSize, findNotebooks, pool } from "./discover";
import { failureReport, jsonReport, plainProgress, ttyProgress } from "./report";
import { runNotebook, type Mode, type NotebookOutcome } from "./run-notebook";
import { DEFAULT_TOLERANCE } from "./tolerance";

export const USAGE = `usage: nb <run|check> [paths…] [options]

  run     execute notebooks and write their outputs back (atomically)
  check   execute notebooks in memory and compare with the stored outputs

  paths             notebook files or folders (default: notebooks/)
  --jobs N          notebooks run in parallel (default: cores + 1)
  --timeout S       per-cell timeout in seconds (default 60)
  --allow-errors    record cell errors as outputs and go on
  --rtol X          relative tolerance for numbers in outputs (default 1e-9)
  --atol X          absolute tolerance for numbers in outputs (default 0)
  --json FILE       also write a machine-readable report (check and run)
  --plain           plain progress lines even on a terminal`;

export interface CliIo {
  cwd: string;
  projectRoot: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        jobs: { type: "string" },
        timeout: { type: "string" },
        "allow-errors": { type: "boolean", default: false },
        rtol: { type: "string" },
        atol: { type: "string" },
        json: { type: "string" },
        plain: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`nb: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== "run" && command !== "check") {
    io.stderr.write(`nb: expected 'run' or 'check'${command ? `, got '${command}'` : ""}\n${USAGE}\n`);
    return 2;
  }
  const numbers = {
    jobs: positiveNumber(values.jobs, "--jobs", defaultJobs()),
    timeout: positiveNumber(values.timeout, "--timeout", 60),
    rtol: nonNegative(values.rtol, "--rtol", DEFAULT_TOLERANCE.rtol),
    atol: nonNegative(values.atol, "--atol", DEFAULT_TOLERANCE.atol),
  };
  const bad = Object.values(numbers).find((v): v is string => typeof v === "string");
  if (bad) {
    io.stderr.write(`nb: ${bad}\n`);
    return 2;
  }
  const { jobs, timeout, rtol, atol } = numbers as Record<keyof typeof numbers, number>;
  const mode: Mode = command;
  const notebooks = await findNotebooks(paths.length ? paths : ["notebooks"]);
  if (!notebooks.length) {
    io.stderr.write(`nb: no notebooks found in ${paths.length ? paths.join(", ") : "notebooks/"}\n`);
    return 2;
  }

  const progress = io.stdout.isTTY && !values.plain && !process.env["CI"] ? ttyProgress(io.stdout, notebooks) : plainProgress(io.stdout);
  const outcomes: NotebookOutcome[] = await pool(
    notebooks,
    jobs,
    async (path, i) => {
      const started = Date.now();
      const outcome = await runNotebook({
        path,
        mode,
        projectRoot: io.projectRoot,
        timeoutMs: timeout * 1000,
        allowErrors: values["allow-errors"],
        tolerance: { rtol, atol },
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: (done, total) => progress.update(i, done, total),
      }).catch(
        // Not a cell's fault: the kernel could not start, or writing the file failed.
        (err: unknown): NotebookOutcome => ({
          status: "error",
          path,
          message: err instanceof Error ? err.message : String(err),
          ms: Date.now() - started,
        }),
      );
      progress.finish(i, outcome);
      return outcome;
    },
    fileSize,
  );
  progress.close();

  const report = failureReport(outcomes);
  if (report) io.stderr.write(`\n${report}\n`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(jsonReport(mode, outcomes), null, 2)}\n`);
  const count = (s: NotebookOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  io.stdout.write(
    `\n${mode}: ${count("ok")} ok, ${outcomes.length - count("ok")} not ok, of ${outcomes.length} notebook${outcomes.length === 1 ? "" : "s"}\n`,
  );
  if (io.signal?.aborted || count("interrupted")) return 130;
  if (count("bad-input")) return 2;
  return count("ok") === outcomes.length ? 0 : 1;
}

/**
 * One kernel per core, plus one: a kernel waits on the runner between cells, so an extra one keeps the
 * cores busy (npm run check, 2 cores: 3.5-3.8 s warm with 3 jobs against 3.9-4.0 s with 2; cold 12.4-12.6 s
 * against 12.4-13.3 s).
 */
export function defaultJobs(): number {
  return availableParallelism() + 1;
}

function positiveNumber(value: string | undefined, flag: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : `${flag} takes a positive number, got '${value}'`;
}

function nonNegative(value: string | undefined, flag: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : `${flag} takes a number ≥ 0, got '${value}'`;
}
