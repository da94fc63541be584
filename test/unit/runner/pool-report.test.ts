import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NotebookError } from "../../../src/notebook/errors";
import { pool } from "../../../src/runner/discover";
import { failureReport, jsonReport } from "../../../src/runner/report";
import type { NotebookOutcome } from "../../../src/runner/run-notebook";

describe("pool", () => {
  it("runs at most `jobs` at once and keeps results in input order", async () => {
    let running = 0;
    let most = 0;
    const results = await pool([30, 10, 20, 5], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i;
    });
    assert.deepEqual(results, [0, 1, 2, 3]);
    assert.equal(most, 2);
  });

  it("starts the heaviest items first when given a weight", async () => {
    const started: string[] = [];
    await pool(
      ["small", "big", "medium"],
      1,
      async (name) => void started.push(name),
      (name) => ({ small: 1, big: 3, medium: 2 })[name] ?? 0,
    );
    assert.deepEqual(started, ["big", "medium", "small"]);
  });
});

describe("failure report", () => {
  const outcomes: NotebookOutcome[] = [
    { status: "ok", path: "a.ipynb", cells: 3, written: false, ms: 10 },
    { status: "error", path: "b.ipynb", message: "the kernel did not answer within 30 s", ms: 30_000 },
    {
      status: "bad-input",
      path: "c.ipynb",
      error: new NotebookError("c.ipynb", "duplicate cell id (also used by cell 0)", { index: 2, id: "x" }),
      ms: 1,
    },
    {
      status: "failed",
      path: "d.ipynb",
      ms: 5,
      failures: [{ kind: "timeout", cell: { index: 4, id: "loop" }, source: "while (true) {}", message: "timed out after 60 s" }],
    },
  ];

  it("names the notebook, and the cell where there is one, for every problem", () => {
    const report = failureReport(outcomes);
    assert.match(report, /^b\.ipynb: the kernel did not answer within 30 s$/m);
    assert.match(report, /^c\.ipynb: cell 2 \(id 'x'\): duplicate cell id/m);
    assert.match(report, /^d\.ipynb: cell 4 \(id 'loop'\) timed out\n {2}source:\n {4}while \(true\) \{\}/m);
    assert.doesNotMatch(report, /a\.ipynb/);
  });

  it("gives the same facts in the JSON report", () => {
    const json = jsonReport("check", outcomes) as { ok: boolean; notebooks: Record<string, unknown>[] };
    assert.equal(json.ok, false);
    assert.deepEqual(
      json.notebooks.map((n) => n["status"]),
      ["ok", "error", "bad-input", "failed"],
    );
    assert.equal(json.notebooks[1]?.["error"], "the kernel did not answer within 30 s");
    assert.deepEqual(json.notebooks[2]?.["cell"], { index: 2, id: "x" });
  });
});
