/**
 * Problems in content are located: path, cell index and id, the offending
 * text; one line, no stack trace.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exportNotebooks } from "../../src/export/export";

const DIR = "test/fixtures/export/errors";

async function errorsOf(name: string): Promise<string[]> {
  const summary = await exportNotebooks(
    { notebooks: [`${DIR}/${name}`], outDir: "/nonexistent/never-written", root: "." },
    { log: () => {} },
  );
  assert.equal(summary.written, 0);
  return summary.errors;
}

describe("located errors", () => {
  it("invalid KaTeX fails with path, cell, id and the TeX", async () => {
    const [error, ...rest] = await errorsOf("bad-katex.ipynb");
    assert.equal(rest.length, 0);
    assert.match(
      error ?? "",
      /^test\/fixtures\/export\/errors\/bad-katex\.ipynb: cell 1 \(id 'md-\d+'\): invalid inline math: .* in "\\\\frac\{1\}\{"$/,
    );
  });
  it("an unknown MIME type with no fallback fails with the type", async () => {
    const [error] = await errorsOf("unknown-mime.ipynb");
    assert.match(error ?? "", /unknown-mime\.ipynb: cell 1 \(id 'code-\d+'\): output 0: unknown MIME type "application\/x-mystery"/);
  });
  it("an unreadable notebook fails with the JSON position", async () => {
    const [error] = await errorsOf("not-json.ipynb");
    assert.match(error ?? "", /not-json\.ipynb: invalid JSON: line 1 column \d+/);
  });
  it("a missing file is one line", async () => {
    const [error] = await errorsOf("does-not-exist.ipynb");
    assert.match(error ?? "", /does-not-exist\.ipynb: cannot read file \(ENOENT\)/);
  });
  it("a note without a title says how to fix it", async () => {
    const [error] = await errorsOf("no-title.ipynb");
    assert.match(error ?? "", /no-title\.ipynb: no title: add a '# 제목' heading/);
  });
  it("no message carries a stack trace", async () => {
    for (const name of ["bad-katex.ipynb", "unknown-mime.ipynb", "not-json.ipynb", "no-title.ipynb"]) {
      for (const e of await errorsOf(name)) assert.doesNotMatch(e, /\n\s+at /);
    }
  });
});
