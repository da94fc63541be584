import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ensureCellIds } from "../../../src/notebook/cell-ids";
import { NotebookError } from "../../../src/notebook/errors";
import { parseNotebook, readNotebook } from "../../../src/notebook/read";
import { pythonNumber, serializeNotebook, writeFileAtomic } from "../../../src/notebook/write";

const fixture = new URL("../../fixtures/notebook/jupyter-written.ipynb", import.meta.url);

function notebookText(patch: (nb: Record<string, any>) => void): string {
  const nb: Record<string, any> = {
    cells: [
      { cell_type: "code", execution_count: null, id: "a", metadata: {}, outputs: [], source: "1" },
      { cell_type: "code", execution_count: null, id: "b", metadata: {}, outputs: [], source: "2" },
    ],
    metadata: { kernelspec: { name: "study-notes-ts", display_name: "TS", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  patch(nb);
  return JSON.stringify(nb);
}

function problem(text: string): NotebookError {
  try {
    parseNotebook("bad.ipynb", text);
  } catch (err) {
    assert.ok(err instanceof NotebookError, `expected a NotebookError, got ${String(err)}`);
    return err;
  }
  assert.fail("the notebook was accepted");
}

describe("reading notebooks", () => {
  it("accepts a notebook written by Jupyter's own nbformat", async () => {
    const file = await readNotebook(fixture.pathname);
    assert.equal(file.notebook.cells.length, 3);
  });

  it("reports invalid JSON with line and column", () => {
    const e = problem('{\n "cells": [,]\n}');
    assert.match(e.message, /^bad\.ipynb: invalid JSON: line 2 column \d+/);
    assert.equal(e.exitCode, 2);
  });

  it("rejects a JSON file that is not a notebook", () => {
    assert.match(problem('{"name": "package"}').message, /not a Jupyter notebook/);
    assert.match(problem("[1, 2]").message, /not a Jupyter notebook/);
  });

  it("rejects nbformat 3 and below with a hint", () => {
    assert.match(problem(notebookText((nb) => (nb["nbformat"] = 3))).message, /nbformat 3 is not supported/);
  });

  it("names the cell (index and id) of a schema error", () => {
    const e = problem(notebookText((nb) => (nb["cells"][1]["outputs"] = [{ output_type: "nonsense" }])));
    assert.deepEqual(e.cell, { index: 1, id: "b" });
    assert.match(e.message, /^bad\.ipynb: cell 1 \(id 'b'\): not valid nbformat 4: outputs\.0/);
  });

  it("rejects duplicate cell ids, naming both cells", () => {
    const e = problem(notebookText((nb) => (nb["cells"][1]["id"] = "a")));
    assert.equal(e.message, "bad.ipynb: cell 1 (id 'a'): duplicate cell id (also used by cell 0)");
  });

  it("rejects a missing or unknown kernelspec", () => {
    assert.match(problem(notebookText((nb) => delete nb["metadata"]["kernelspec"])).message, /no kernelspec/);
    assert.match(problem(notebookText((nb) => (nb["metadata"]["kernelspec"]["name"] = "python3"))).message, /unknown kernelspec 'python3'/);
  });

  it("accepts nbformat 4.4 without cell ids (ids became required in 4.5)", () => {
    const nb = parseNotebook(
      "old.ipynb",
      notebookText((n) => {
        n["nbformat_minor"] = 4;
        for (const c of n["cells"]) delete c["id"];
      }),
    );
    assert.equal(nb.cells.length, 2);
  });

  it("reports an unreadable file by name", async () => {
    await assert.rejects(readNotebook("/nonexistent/x.ipynb"), /\/nonexistent\/x\.ipynb: cannot read file \(ENOENT\)/);
  });
});

describe("writing notebooks", () => {
  it("serialises byte-for-byte as Jupyter's nbformat.write does", async () => {
    const text = await readFile(fixture, "utf8");
    assert.equal(serializeNotebook(JSON.parse(text)), text);
  });

  it("writes floats as Python's json module does", () => {
    // Reference strings printed by CPython's json.dumps for the same values.
    const python: [number, string][] = [
      [1e-6, "1e-06"],
      [1.5e-7, "1.5e-07"],
      [1e16, "1e+16"],
      [1.2345e20, "1.2345e+20"],
      [0.0001, "0.0001"],
      [0.00012, "0.00012"],
      [123.456, "123.456"],
      [1e-300, "1e-300"],
      [-2.5e-5, "-2.5e-05"],
      [42, "42"],
    ];
    for (const [value, text] of python) assert.equal(pythonNumber(value), text);
  });

  it("writes atomically: the target appears whole and no temp file is left", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nb-write-"));
    const path = join(dir, "x.ipynb");
    await writeFile(path, "old");
    await writeFileAtomic(path, "new text");
    assert.equal(await readFile(path, "utf8"), "new text");
    assert.deepEqual(await readdir(dir), ["x.ipynb"]);
  });
});

describe("cell ids", () => {
  it("adds missing ids deterministically, keeps existing ones, and upgrades to 4.5", () => {
    const make = () =>
      JSON.parse(
        notebookText((n) => {
          n["nbformat_minor"] = 4;
          delete n["cells"][0]["id"];
        }),
      );
    const a = make();
    const b = make();
    assert.equal(ensureCellIds(a), true);
    ensureCellIds(b);
    assert.equal(a.cells[0].id, b.cells[0].id);
    assert.match(a.cells[0].id, /^[0-9a-f]{8}$/);
    assert.equal(a.cells[1].id, "b");
    assert.equal(a.nbformat_minor, 5);
    assert.equal(ensureCellIds(a), false);
  });
});
