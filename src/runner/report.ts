/**
 * How outcomes are shown: a progress display on a terminal (one line per
 * notebook, rewritten in place), plain lines elsewhere (CI logs), located
 * failure reports, and the --json report.
 */
import { describeCell } from "../notebook/types";
import type { CellFailure } from "./execute";
import type { NotebookOutcome } from "./run-notebook";

export interface Progress {
  update(index: number, done: number, total: number): void;
  finish(index: number, outcome: NotebookOutcome): void;
  close(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function summaryLine(outcome: NotebookOutcome): string {
  switch (outcome.status) {
    case "ok":
      return `ok        ${outcome.path} (${seconds(outcome.ms)}${outcome.written ? ", written" : ""})`;
    case "bad-input":
      return `bad input ${outcome.path}`;
    case "failed":
      return `failed    ${outcome.path} (${seconds(outcome.ms)})`;
    case "mismatch":
      return `mismatch  ${outcome.path} (${outcome.mismatches.length} cell${outcome.mismatches.length === 1 ? "" : "s"}, ${seconds(outcome.ms)})`;
    case "interrupted":
      return `stopped   ${outcome.path}`;
    case "error":
      return `error     ${outcome.path} (${seconds(outcome.ms)})`;
  }
}

/** Live lines on a TTY: "notebooks/01-x.ipynb  7/12 cells  3.1 s". */
export function ttyProgress(stream: NodeJS.WriteStream, paths: readonly string[]): Progress {
  type Row = { state: "waiting" } | { state: "running"; since: number; done: number; total: number } | { state: "finished"; line: string };
  const rows: Row[] = paths.map(() => ({ state: "waiting" }));
  const text = (row: Row, i: number): string => {
    switch (row.state) {
      case "waiting":
        return `waiting   ${paths[i]}`;
      case "running":
        return `running   ${paths[i]}  ${row.done}/${row.total} cells  ${seconds(Date.now() - row.since)}`;
      case "finished":
        return row.line;
    }
  };
  let drawn = 0;
  const draw = () => {
    if (drawn) stream.write(`\u001b[${drawn}A`);
    rows.forEach((row, i) => stream.write(`\u001b[2K${text(row, i)}\n`));
    drawn = rows.length;
  };
  draw();
  // Elapsed time keeps moving while a long cell runs.
  const ticker = setInterval(draw, 1000);
  ticker.unref();
  return {
    update(i, done, total) {
      const row = rows[i];
      rows[i] = { state: "running", since: row?.state === "running" ? row.since : Date.now(), done, total };
      draw();
    },
    finish(i, outcome) {
      rows[i] = { state: "finished", line: summaryLine(outcome) };
      draw();
    },
    close() {
      clearInterval(ticker);
    },
  };
}

/** Plain lines, one per finished notebook, for logs. */
export function plainProgress(stream: NodeJS.WritableStream): Progress {
  return {
    update() {},
    finish(_i, outcome) {
      stream.write(`${summaryLine(outcome)}\n`);
    },
    close() {},
  };
}

function indent(text: string, by = "    "): string {
  return text
    .replace(/\n+$/, "")
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

function describeFailure(path: string, f: CellFailure): string {
  const what = { error: "raised an error", timeout: "timed out", "kernel-died": "lost its kernel", interrupted: "was interrupted" }[f.kind];
  return `${path}: ${describeCell(f.cell)} ${what}\n  source:\n${indent(f.source)}\n  error:\n${indent(f.message)}`;
}

/** The detailed report of everything that is not ok, for stderr. */
export function failureReport(outcomes: readonly NotebookOutcome[]): string {
  const parts: string[] = [];
  for (const o of outcomes) {
    if (o.status === "bad-input") parts.push(o.error.message);
    if (o.status === "error") parts.push(`${o.path}: ${o.message}`);
    if (o.status === "failed") parts.push(...o.failures.map((f) => describeFailure(o.path, f)));
    if (o.status === "mismatch") {
      for (const m of o.mismatches) {
        parts.push(
          `${o.path}: ${describeCell(m.cell)}: outputs differ from the stored ones (first at output line ${m.firstDifference})\n  source:\n${indent(m.source)}\n  diff (stored → executed):\n${indent(m.diff)}`,
        );
      }
    }
  }
  return parts.join("\n\n");
}

/** Machine-readable report for --json. */
export function jsonReport(mode: string, outcomes: readonly NotebookOutcome[]): unknown {
  return {
    mode,
    ok: outcomes.every((o) => o.status === "ok"),
    notebooks: outcomes.map((o) => {
      const base = { path: o.path, status: o.status, ms: o.ms };
      switch (o.status) {
        case "ok":
          return { ...base, cells: o.cells, written: o.written };
        case "bad-input":
          return { ...base, error: o.error.problem, cell: o.error.cell ?? null };
        case "failed":
          return { ...base, failures: o.failures };
        case "mismatch":
          return {
            ...base,
            mismatches: o.mismatches.map((m) => ({
              cell: m.cell,
              firstDifference: m.firstDifference,
              diff: m.diff,
              expected: m.expected,
              actual: m.actual,
            })),
          };
        case "interrupted":
          return base;
        case "error":
          return { ...base, error: o.message };
      }
    }),
  };
}
