import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { IopubMessage } from "../../../src/kernel/messages";
import { errorFromText, OutputAssembler } from "../../../src/runner/outputs";

const stream = (name: "stdout" | "stderr", text: string): IopubMessage => ({ msg_type: "stream", content: { name, text } });
const display = (data: Record<string, unknown>, id?: string): IopubMessage => ({
  msg_type: "display_data",
  content: { data, metadata: {}, ...(id ? { transient: { display_id: id } } : {}) },
});
const update = (data: Record<string, unknown>, id: string): IopubMessage => ({
  msg_type: "update_display_data",
  content: { data, metadata: {}, transient: { display_id: id } },
});

function assemble(messages: IopubMessage[]) {
  const a = new OutputAssembler();
  for (const m of messages) a.add(m);
  return a;
}

describe("output assembly", () => {
  it("coalesces consecutive streams of one name and splits lines as nbformat does", () => {
    const out = assemble([stream("stdout", "a"), stream("stdout", "b\nc\n"), stream("stderr", "w\n"), stream("stdout", "d")]).result();
    assert.deepEqual(out, [
      { name: "stdout", output_type: "stream", text: ["ab\n", "c\n"] },
      { name: "stderr", output_type: "stream", text: ["w\n"] },
      { name: "stdout", output_type: "stream", text: ["d"] },
    ]);
  });

  it("keeps every line of a 2,000-message burst", () => {
    const messages = Array.from({ length: 2000 }, (_, i) => stream("stdout", `line ${i}\n`));
    const [out] = assemble(messages).result();
    const text = (out as { text: string[] }).text;
    assert.equal(text.length, 2000);
    assert.equal(text[1999], "line 1999\n");
  });

  it("update_display_data replaces every output with that display id, and only those", () => {
    const out = assemble([
      display({ "text/plain": "first" }, "d1"),
      display({ "text/plain": "other" }, "d2"),
      display({ "text/plain": "first again" }, "d1"),
      update({ "text/html": "<b>new</b>" }, "d1"),
    ]).result();
    assert.deepEqual(
      out.map((o) => o["data"]),
      [{ "text/html": ["<b>new</b>"] }, { "text/plain": ["other"] }, { "text/html": ["<b>new</b>"] }],
    );
  });

  it("clear_output clears at once, or with wait=true just before the next output", () => {
    const now = assemble([stream("stdout", "x"), { msg_type: "clear_output", content: { wait: false } }]).result();
    assert.deepEqual(now, []);
    const waiting = assemble([stream("stdout", "x"), { msg_type: "clear_output", content: { wait: true } }]);
    assert.equal(waiting.result().length, 1, "nothing is cleared until the next output");
    waiting.add(stream("stdout", "y"));
    assert.deepEqual(waiting.result(), [{ name: "stdout", output_type: "stream", text: ["y"] }]);
  });

  it("writes display keys sorted and text-like MIME types as lines, binary ones as strings", () => {
    const [out] = assemble([display({ "image/png": "iVBOR", "image/svg+xml": "<svg>\n</svg>", "application/json": { a: 1 } })]).result();
    assert.deepEqual(Object.keys(out ?? {}), ["data", "metadata", "output_type"]);
    assert.deepEqual(out?.["data"], { "application/json": { a: 1 }, "image/png": "iVBOR", "image/svg+xml": ["<svg>\n", "</svg>"] });
  });

  it("keeps execute_result with its execution count", () => {
    const [out] = assemble([
      { msg_type: "execute_result", content: { data: { "text/plain": "2" }, metadata: {}, execution_count: 4 } },
    ]).result();
    assert.equal(out?.output_type, "execute_result");
    assert.equal(out?.["execution_count"], 4);
  });
});

describe("errors from tslab's stderr text", () => {
  it("turns stderr into one error output and keeps stdout", () => {
    const a = assemble([stream("stdout", "before\n"), stream("stderr", "Error: boom\n    at evalmachine.<anonymous>:1:7\n")]);
    a.convertStderrToError();
    assert.deepEqual(a.result(), [
      { name: "stdout", output_type: "stream", text: ["before\n"] },
      { ename: "Error", evalue: "boom", output_type: "error", traceback: ["Error: boom", "    at evalmachine.<anonymous>:1:7"] },
    ]);
  });

  it("names type-check diagnostics TypeScriptError", () => {
    const e = errorFromText("1:7 - Type 'string' is not assignable to type 'number'.\n");
    assert.equal(e.ename, "TypeScriptError");
    assert.equal(e.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
  });

  it("finds the exception line after a source excerpt and drops Node-internal frames", () => {
    const text = [
      "evalmachine.<anonymous>:3",
      "throw new RangeError('x');",
      "^",
      "",
      "RangeError: out of range: 42",
      "    at evalmachine.<anonymous>:3:7",
      "    at Script.runInThisContext (node:vm:135:14)",
      "    at Object.execute (/somewhere/node_modules/tslab/dist/executor.js:160:38)",
    ].join("\n");
    const e = errorFromText(text);
    assert.equal(e.ename, "RangeError");
    assert.equal(e.evalue, "out of range: 42");
    assert.equal(e.traceback.length, 6);
    assert.ok(!e.traceback.some((l) => l.includes("node_modules") || l.includes("node:vm")));
  });

  it("says so when the kernel sent no error text", () => {
    assert.match(errorFromText("").evalue, /no error text/);
  });
});
