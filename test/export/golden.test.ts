/**
 * Exporter golden tests: each fixture notebook in test/fixtures/export/input
 * → the MDX, asset list and warnings checked in under …/output.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { formatWarning } from "../../src/export/errors";
import { mdxCodeProblems } from "../../src/export/mdx-safety";
import { notebookToMdx } from "../../src/export/notebook-to-mdx";
import { readNotebook } from "../../src/notebook/read";
import { assertGolden } from "./golden";

const FIXTURES = "test/fixtures/export";
const inputs = readdirSync(join(FIXTURES, "input"))
  .filter((n) => n.endsWith(".ipynb"))
  .sort();

describe("golden: notebook → MDX", () => {
  it("has fixtures", () => assert.ok(inputs.length >= 3));
  for (const name of inputs) {
    it(name, async () => {
      const path = join(FIXTURES, "input", name);
      const note = notebookToMdx(await readNotebook(path));
      const stem = join(FIXTURES, "output", basename(name, ".ipynb"));
      await assertGolden(`${stem}.mdx`, note.mdx);
      await assertGolden(`${stem}.assets.txt`, note.assets.map((a) => `${a.name} ${a.bytes.length}`).join("\n"));
      await assertGolden(`${stem}.warnings.txt`, note.warnings.map(formatWarning).join("\n"));
      assert.deepEqual(mdxCodeProblems(note.mdx.replace(/^---\n[\s\S]*?\n---\n/, "")), []);
    });
  }
  it("is deterministic: the same notebook exports to the same bytes", async () => {
    const path = join(FIXTURES, "input", inputs[0] ?? "");
    const a = notebookToMdx(await readNotebook(path));
    const b = notebookToMdx(await readNotebook(path));
    assert.equal(a.mdx, b.mdx);
  });
});
