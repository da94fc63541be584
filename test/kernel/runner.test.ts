/**
 * The runner end to end: the real CLI, a real tslab kernel over ZeroMQ, on
 * the fixture notebooks in test/fixtures/runner.
 */
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixtureDir, nb, outputText, readJson } from "./helpers";

// Two at a time: each test is mostly waiting on its own kernel process.
describe("nb run / check with a real tslab kernel", { concurrency: 2 }, () => {
  it("runs a notebook, writes its outputs, and a second run changes nothing", async () => {
    const dir = await fixtureDir("success");
    const path = join(dir, "success.ipynb");
    const first = await nb(["run", path]);
    assert.equal(first.code, 0, first.stderr);
    const once = await readFile(path, "utf8");
    const nbJson = await readJson(path);
    assert.equal(outputText(nbJson.cells[1]), "a = 20\n21\n", "the last value arrives as stdout");
    assert.equal(nbJson.cells[1]?.execution_count, 1);
    assert.match(outputText(nbJson.cells[2]), /warn\n3\.141592653589793\n/);
    const second = await nb(["run", path]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(await readFile(path, "utf8"), once, "two runs are byte-identical");
    const check = await nb(["check", path]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /check: 1 ok, 0 not ok, of 1 notebook/);
  });

  it("stops at a type error: names file, cell index and id, quotes source and error, leaves the file alone", async () => {
    const dir = await fixtureDir("type-error");
    const path = join(dir, "type-error.ipynb");
    const before = await readFile(path);
    const r = await nb(["run", path]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`${path}: cell 1 (id 'c1') raised an error`), r.stderr);
    assert.match(r.stderr, /const x: number = 'not a number';/);
    assert.match(r.stderr, /1:7 - Type 'string' is not assignable to type 'number'/);
    assert.deepEqual(await readFile(path), before);
  });

  it("reports a runtime error; with --allow-errors records it as an error output and goes on", async () => {
    const dir = await fixtureDir("runtime-error");
    const path = join(dir, "runtime-error.ipynb");
    const before = await readFile(path);
    const r = await nb(["run", path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /RangeError: out of range: 42/);
    assert.deepEqual(await readFile(path), before);
    const allowed = await nb(["run", path, "--allow-errors"]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const cells = (await readJson(path)).cells;
    const error = cells[0]?.outputs?.find((o) => o["output_type"] === "error");
    assert.equal(error?.["ename"], "RangeError");
    assert.equal(error?.["evalue"], "out of range: 42");
    assert.equal(outputText(cells[1]), "never\n");
  });

  it("keeps tslab's cell-to-cell semantics: names, redeclaration, types, enums, top-level await", async () => {
    // Pins what the patched converter (one program per cell, names from binding the cell alone) must keep.
    const dir = await fixtureDir("repl");
    const path = join(dir, "repl.ipynb");
    const r = await nb(["run", path]);
    assert.equal(r.code, 0, r.stderr);
    const text = (await readJson(path)).cells.map((c) => outputText(c));
    assert.match(text[8] ?? "", /^1:7 - Type 'Id' is not assignable to type 'number'\./, "a type error names the line and column");
    assert.deepEqual(
      text.filter((_, i) => i !== 8),
      ["2\n", "10\n", "redeclareda\n", "20\n", "2\n", "id-1\n", "b,c\n", "7\n", "[ 'string', 10, 7 ]\n"],
    );
  });

  it("expects the error of a cell tagged raises-exception and runs on", async () => {
    const dir = await fixtureDir("raises-exception");
    const path = join(dir, "raises-exception.ipynb");
    const r = await nb(["run", path]);
    assert.equal(r.code, 0, r.stderr);
    const cells = (await readJson(path)).cells;
    assert.equal(cells[0]?.outputs?.[0]?.["output_type"], "error");
    assert.equal(outputText(cells[1]), "still running\n");
  });

  it("interrupts an infinite loop after --timeout and reports it", async () => {
    const dir = await fixtureDir("timeout");
    const path = join(dir, "timeout.ipynb");
    const before = await readFile(path);
    const started = Date.now();
    const r = await nb(["run", path, "--timeout", "2"]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`${path}: cell 0 (id 'c0') timed out`), r.stderr);
    assert.match(r.stderr, /timed out after 2 s/);
    assert.ok(Date.now() - started < 20_000, "the loop was stopped, not waited out");
    assert.deepEqual(await readFile(path), before);
  });

  it("detects the kernel dying from process.exit() mid-notebook", async () => {
    const dir = await fixtureDir("process-exit");
    const path = join(dir, "process-exit.ipynb");
    const before = await readFile(path);
    const r = await nb(["run", path]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`${path}: cell 1 (id 'c1') lost its kernel`), r.stderr);
    assert.match(r.stderr, /the kernel exited with code 3/);
    assert.deepEqual(await readFile(path), before);
  });

  it("records display_data and applies update_display_data by display id", async () => {
    const dir = await fixtureDir("display");
    const path = join(dir, "display.ipynb");
    const r = await nb(["run", path]);
    assert.equal(r.code, 0, r.stderr);
    const cells = (await readJson(path)).cells;
    assert.deepEqual(
      cells[0]?.outputs?.map((o) => Object.keys(o["data"] as object)),
      [["text/html"], ["image/svg+xml"]],
    );
    assert.equal(cells[1]?.outputs?.length, 1, "one display, updated in place");
    assert.deepEqual(cells[1]?.outputs?.[0]?.["data"], { "text/plain": ["third"] });
  });

  it("keeps all 2,000 lines of an output burst", async () => {
    const dir = await fixtureDir("burst");
    const path = join(dir, "burst.ipynb");
    const r = await nb(["run", path]);
    assert.equal(r.code, 0, r.stderr);
    const lines = outputText((await readJson(path)).cells[0])
      .split("\n")
      .filter(Boolean);
    assert.equal(lines.length, 2000);
    assert.equal(lines[1999], "line 1999");
  });

  it("check reports changed outputs per cell with a diff, and --json writes a report", async () => {
    const dir = await fixtureDir("success");
    const path = join(dir, "success.ipynb");
    assert.equal((await nb(["run", path])).code, 0);
    await writeFile(path, (await readFile(path, "utf8")).replace('"a = 20\\n"', '"a = 21\\n"'));
    const report = join(dir, "report.json");
    const r = await nb(["check", path, "--json", report]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`${path}: cell 1 (id 'c1'): outputs differ from the stored ones`), r.stderr);
    assert.match(r.stderr, /^\s+-a = 21$/m);
    assert.match(r.stderr, /^\s+\+a = 20$/m);
    const json = JSON.parse(await readFile(report, "utf8"));
    assert.equal(json.ok, false);
    assert.equal(json.notebooks[0].status, "mismatch");
    assert.deepEqual(json.notebooks[0].mismatches[0].cell, { index: 1, id: "c1" });
  });

  it("refuses bad input with exit 2, a one-line message, and the file unchanged", async () => {
    const dir = await fixtureDir();
    const path = join(dir, "broken.ipynb");
    await writeFile(path, '{"cells": [}');
    const r = await nb(["run", path]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`${path}: invalid JSON: line 1 column`), r.stderr);
    assert.equal(await readFile(path, "utf8"), '{"cells": [}');
  });

  it("Ctrl-C stops cleanly: kernel shut down, exit 130, file and folder untouched", async () => {
    const dir = await fixtureDir("timeout");
    const path = join(dir, "timeout.ipynb");
    const before = await readFile(path);
    let pid = 0;
    const running = nb(["run", path, "--timeout", "60"], { onSpawn: (p) => (pid = p) });
    await new Promise((resolve) => setTimeout(resolve, 4000)); // kernel up, the loop running
    process.kill(pid, "SIGINT");
    const r = await running;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /interrupted/);
    assert.deepEqual(await readFile(path), before);
    assert.deepEqual(await readdir(dir), ["timeout.ipynb"], "no temp file left behind");
  });
});
