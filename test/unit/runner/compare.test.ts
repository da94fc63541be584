import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { INotebookContent, IOutput } from "@jupyterlab/nbformat";
import { compareNotebooks } from "../../../src/runner/compare";
import { canonicalMarkup, normalizeOutputs, normalizeText } from "../../../src/runner/normalize";
import { DEFAULT_TOLERANCE, numbersClose, textClose, toleranceFrom } from "../../../src/runner/tolerance";

const tol = DEFAULT_TOLERANCE;

describe("numeric tolerance", () => {
  it("accepts float wobble within rtol and rejects real changes", () => {
    assert.ok(numbersClose(1, 1.0000000000000002, tol));
    assert.ok(!numbersClose(1, 1.000001, tol));
    assert.ok(numbersClose(0, 1e-20, { rtol: 1e-9, atol: 1e-12 }));
    assert.ok(!numbersClose(0, 1e-20, tol), "with atol 0, zero only equals zero");
    assert.ok(!numbersClose(NaN, NaN, tol));
  });

  it("compares numbers inside text; the words around them must match exactly", () => {
    assert.ok(textClose("error 0.30000000000000004 at h=1e-3", "error 0.3 at h=0.001", tol));
    assert.ok(!textClose("error 0.3 at h=1e-3", "error 0.4 at h=1e-3", tol));
    assert.ok(!textClose("slope 1.0", "slope: 1.0", tol));
    assert.ok(!textClose("1 2 3", "1 2", tol));
  });

  it("reads overrides from study_notes.tolerance metadata", () => {
    assert.deepEqual(toleranceFrom({ study_notes: { tolerance: { rtol: 1e-6 } } }, tol), { rtol: 1e-6, atol: 0 });
    assert.deepEqual(toleranceFrom({}, tol), tol);
  });
});

describe("normalisation", () => {
  it("strips ANSI, trailing spaces, trailing blank lines and stack frames", () => {
    assert.deepEqual(normalizeText("\u001b[31mred\u001b[0m  \nError: x\n    at /home/me/a.ts:1:2\n\n"), ["red", "Error: x"]);
  });

  it("merges consecutive streams and drops execution counts", () => {
    const a: IOutput[] = [
      { output_type: "stream", name: "stdout", text: ["a\n"] },
      { output_type: "stream", name: "stdout", text: "b\n" },
    ];
    const b: IOutput[] = [{ output_type: "stream", name: "stdout", text: "a\nb\n" }];
    assert.deepEqual(normalizeOutputs(a), normalizeOutputs(b));
    const r1 = normalizeOutputs([{ output_type: "execute_result", execution_count: 1, data: { "text/plain": "2" }, metadata: {} }]);
    const r2 = normalizeOutputs([{ output_type: "execute_result", execution_count: 9, data: { "text/plain": "2" }, metadata: {} }]);
    assert.deepEqual(r1, r2);
  });

  it("makes SVG attribute order and whitespace irrelevant, but not content", () => {
    const a = canonicalMarkup(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><title>t</title>\n  <path d="M0,0L1,1"/></svg>',
      "image/svg+xml",
    );
    const b = canonicalMarkup(
      '<svg height="5"   width="10" xmlns="http://www.w3.org/2000/svg"><title>t</title><path d="M0,0L1,1"></path></svg>',
      "image/svg+xml",
    );
    assert.deepEqual(a, b);
    const c = canonicalMarkup(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><title>u</title><path d="M0,0L1,1"/></svg>',
      "image/svg+xml",
    );
    assert.notDeepEqual(a, c);
  });

  it("compares numbers in SVG attributes with the tolerance (1.0 vs 1)", () => {
    const a = normalizeOutputs([
      { output_type: "display_data", data: { "image/svg+xml": '<svg><path d="M1.0,2.50000000000001"/></svg>' }, metadata: {} },
    ]);
    const b = normalizeOutputs([{ output_type: "display_data", data: { "image/svg+xml": '<svg><path d="M1,2.5"/></svg>' }, metadata: {} }]);
    assert.equal(a.length, b.length);
    a.forEach((line, i) => assert.ok(textClose(line, b[i] ?? "", tol), `${line} vs ${b[i]}`));
  });
});

function notebook(outputs: IOutput[][], metadata: Record<string, unknown> = {}): INotebookContent {
  return {
    cells: outputs.map((o, i) => ({
      cell_type: "code",
      id: `c${i}`,
      execution_count: i + 1,
      metadata: {},
      outputs: o,
      source: `cell ${i}`,
    })),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  } as INotebookContent;
}
const out = (text: string): IOutput => ({ output_type: "stream", name: "stdout", text });

describe("comparing notebooks", () => {
  it("finds no mismatch for equal outputs and locates the first differing cell and line", () => {
    const stored = notebook([[out("x = 1\n")], [out("a\nb\nc\n")]]);
    assert.deepEqual(compareNotebooks(stored, notebook([[out("x = 1\n")], [out("a\nb\nc\n")]])), []);
    const [m, ...rest] = compareNotebooks(stored, notebook([[out("x = 1\n")], [out("a\nB\nc\n")]]));
    assert.equal(rest.length, 0);
    assert.deepEqual(m?.cell, { index: 1, id: "c1" });
    assert.equal(m?.firstDifference, 3); // line 1 is the "[stream stdout]" header
    assert.match(m?.diff ?? "", /^-b$/m);
    assert.match(m?.diff ?? "", /^\+B$/m);
  });

  it("honours a looser tolerance from notebook metadata", () => {
    const stored = notebook([[out("loss 0.1234567\n")]], { study_notes: { tolerance: { rtol: 1e-3 } } });
    assert.deepEqual(compareNotebooks(stored, notebook([[out("loss 0.1234568\n")]])), []);
    assert.equal(compareNotebooks(notebook([[out("loss 0.1234567\n")]]), notebook([[out("loss 0.1234568\n")]])).length, 1);
  });

  it("notices a missing output", () => {
    assert.equal(compareNotebooks(notebook([[out("a\n"), out("b\n")]]), notebook([[out("a\nb\n")]])).length, 0, "same stream merges");
    assert.equal(compareNotebooks(notebook([[out("a\n"), out("b\n")]]), notebook([[out("a\n")]])).length, 1);
    const withError: IOutput = { output_type: "error", ename: "Error", evalue: "x", traceback: ["Error: x"] };
    assert.equal(compareNotebooks(notebook([[out("a\n"), withError]]), notebook([[out("a\n")]])).length, 1);
  });
});
