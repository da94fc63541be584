import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { INotebookContent } from "@jupyterlab/nbformat";
import type { ExecuteOptions, ExecutingKernel } from "../../../src/kernel/client";
import { CellTimeoutError, KernelDiedError } from "../../../src/kernel/errors";
import type { ExecuteReplyContent, IopubMessage } from "../../../src/kernel/messages";
import { executeNotebook } from "../../../src/runner/execute";

type Script = { iopub?: IopubMessage[]; reply?: ExecuteReplyContent; throws?: Error };

/** A kernel that answers each code string from a script, and records what it was asked. */
class ScriptedKernel implements ExecutingKernel {
  readonly executed: string[] = [];
  private count = 0;
  constructor(private readonly script: Record<string, Script>) {}
  async execute(code: string, options: ExecuteOptions): Promise<ExecuteReplyContent> {
    this.executed.push(code);
    const step = this.script[code] ?? {};
    for (const m of step.iopub ?? []) options.onIopub(m);
    if (step.throws) throw step.throws;
    return step.reply ?? { status: "ok", execution_count: ++this.count };
  }
  async shutdown(): Promise<void> {}
}

const print = (text: string): IopubMessage => ({ msg_type: "stream", content: { name: "stdout", text } });
const failing = (text: string): Script => ({
  iopub: [{ msg_type: "stream", content: { name: "stderr", text } }],
  reply: { status: "error", execution_count: 7 },
});

function notebook(cells: { source: string; tags?: string[]; markdown?: boolean }[]): INotebookContent {
  return {
    cells: cells.map((c, i) =>
      c.markdown
        ? { cell_type: "markdown", id: `m${i}`, metadata: {}, source: c.source }
        : {
            cell_type: "code",
            id: `c${i}`,
            execution_count: null,
            metadata: c.tags ? { tags: c.tags } : {},
            outputs: [{ output_type: "stream", name: "stdout", text: "stale" }],
            source: c.source,
          },
    ),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  } as INotebookContent;
}

const options = { timeoutMs: 1000 };

describe("executing a notebook (scripted kernel)", () => {
  it("runs code cells in order, records outputs and counts, and leaves the input untouched", async () => {
    const input = notebook([{ source: "# title", markdown: true }, { source: "a" }, { source: "b" }]);
    const before = structuredClone(input);
    const kernel = new ScriptedKernel({ a: { iopub: [print("1\n")] }, b: { iopub: [print("2\n"), print("3\n")] } });
    const result = await executeNotebook(input, kernel, options);
    assert.deepEqual(input, before);
    assert.deepEqual(kernel.executed, ["a", "b"]);
    assert.deepEqual(result.failures, []);
    const [, a, b] = result.notebook.cells;
    assert.equal(a?.["execution_count"], 1);
    assert.deepEqual(b?.["outputs"], [{ name: "stdout", output_type: "stream", text: ["2\n", "3\n"] }]);
  });

  it("stops at the first error, names the cell, and does not run the rest", async () => {
    const kernel = new ScriptedKernel({ bad: failing("1:7 - Type 'string' is not assignable to type 'number'.\n") });
    const result = await executeNotebook(notebook([{ source: "ok" }, { source: "bad" }, { source: "never" }]), kernel, options);
    assert.deepEqual(kernel.executed, ["ok", "bad"]);
    assert.equal(result.stopped, true);
    assert.equal(result.failures.length, 1);
    const [f] = result.failures;
    assert.deepEqual(f?.cell, { index: 1, id: "c1" });
    assert.equal(f?.source, "bad");
    assert.match(f?.message ?? "", /not assignable/);
    assert.equal(
      result.notebook.cells[1]?.["outputs"] && (result.notebook.cells[1]["outputs"] as { output_type: string }[])[0]?.output_type,
      "error",
    );
  });

  it("goes on after an error in a cell tagged raises-exception, without reporting it", async () => {
    const kernel = new ScriptedKernel({ boom: failing("Error: expected\n") });
    const result = await executeNotebook(notebook([{ source: "boom", tags: ["raises-exception"] }, { source: "after" }]), kernel, options);
    assert.deepEqual(kernel.executed, ["boom", "after"]);
    assert.deepEqual(result.failures, []);
  });

  it("with allowErrors records every error and runs every cell", async () => {
    const kernel = new ScriptedKernel({ e1: failing("Error: one\n"), e2: failing("Error: two\n") });
    const result = await executeNotebook(notebook([{ source: "e1" }, { source: "e2" }, { source: "ok" }]), kernel, {
      ...options,
      allowErrors: true,
    });
    assert.deepEqual(kernel.executed, ["e1", "e2", "ok"]);
    assert.equal(result.failures.length, 2);
    assert.equal(result.stopped, false);
  });

  it("skips cells tagged skip-execution (keeping their outputs) and empty cells (clearing theirs)", async () => {
    const kernel = new ScriptedKernel({});
    const result = await executeNotebook(
      notebook([{ source: "skipped", tags: ["skip-execution"] }, { source: "  \n" }, { source: "run" }]),
      kernel,
      options,
    );
    assert.deepEqual(kernel.executed, ["run"]);
    assert.deepEqual(result.notebook.cells[0]?.["outputs"], [{ output_type: "stream", name: "stdout", text: "stale" }]);
    assert.deepEqual(result.notebook.cells[1]?.["outputs"], []);
  });

  it("stops for good when the kernel dies, even with allowErrors", async () => {
    const kernel = new ScriptedKernel({ exit: { iopub: [print("bye\n")], throws: new KernelDiedError(3, null, "") } });
    const result = await executeNotebook(notebook([{ source: "exit" }, { source: "never" }]), kernel, { ...options, allowErrors: true });
    assert.deepEqual(kernel.executed, ["exit"]);
    assert.equal(result.failures[0]?.kind, "kernel-died");
    assert.match(result.failures[0]?.message ?? "", /exited with code 3/);
    assert.deepEqual(
      result.notebook.cells[0]?.["outputs"],
      [{ name: "stdout", output_type: "stream", text: ["bye\n"] }],
      "output before the death is kept",
    );
  });

  it("reports a timeout as its own kind", async () => {
    const kernel = new ScriptedKernel({ loop: { throws: new CellTimeoutError(1000, true) } });
    const result = await executeNotebook(notebook([{ source: "loop" }]), kernel, options);
    assert.equal(result.failures[0]?.kind, "timeout");
    assert.match(result.failures[0]?.message ?? "", /timed out after 1 s/);
  });

  it("sends a cell answered with 'abort' (not run) again, and fails only if it is never run", async () => {
    const kernel = new ScriptedKernel({ x: { reply: { status: "abort" } } });
    const result = await executeNotebook(notebook([{ source: "x" }]), kernel, options);
    assert.deepEqual(kernel.executed, ["x", "x", "x", "x"]);
    assert.match(result.failures[0]?.message ?? "", /answered 'abort' 4 times/);

    // Aborted once (tslab's 200 ms window outlived our cooldown), then run: no failure, its outputs kept.
    let calls = 0;
    const flaky = new ScriptedKernel({});
    const run = flaky.execute.bind(flaky);
    flaky.execute = async (code, opts) => {
      if (calls++ === 0) return { status: "abort" };
      opts.onIopub(print("ran\n"));
      return run(code, opts);
    };
    const ok = await executeNotebook(notebook([{ source: "y" }]), flaky, options);
    assert.deepEqual(ok.failures, []);
    assert.deepEqual(ok.notebook.cells[0]?.["outputs"], [{ name: "stdout", output_type: "stream", text: ["ran\n"] }]);
  });

  it("stops before the next cell once aborted (Ctrl-C)", async () => {
    const controller = new AbortController();
    const kernel = new ScriptedKernel({});
    const original = kernel.execute.bind(kernel);
    kernel.execute = async (code, opts) => {
      const reply = await original(code, opts);
      controller.abort();
      return reply;
    };
    const result = await executeNotebook(notebook([{ source: "a" }, { source: "b" }]), kernel, { ...options, signal: controller.signal });
    assert.deepEqual(kernel.executed, ["a"]);
    assert.equal(result.failures[0]?.kind, "interrupted");
  });

  it("reports progress as cells finish", async () => {
    const seen: string[] = [];
    await executeNotebook(notebook([{ source: "a" }, { source: "b" }]), new ScriptedKernel({}), {
      ...options,
      onProgress: (d, t) => seen.push(`${d}/${t}`),
    });
    assert.deepEqual(seen, ["0/2", "1/2", "2/2"]);
  });
});
