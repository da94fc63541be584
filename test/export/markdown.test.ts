/** Notebook Markdown is data: whatever it contains, the MDX it becomes has no code. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssetCollector } from "../../src/export/assets";
import { markdownToMdast, serializeMdx } from "../../src/export/markdown-to-mdx";
import { mdxCodeProblems } from "../../src/export/mdx-safety";
import { parseMarkdown } from "../../src/export/markdown-to-mdx";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

function toMdx(markdown: string): { mdx: string; warnings: string[] } {
  const warnings: string[] = [];
  const children = markdownToMdast(markdown, {
    place: { path: "t.ipynb" },
    assets: new AssetCollector(),
    idPrefix: "c0",
    attachment: () => undefined,
    warn: (w) => warnings.push(w.problem),
  });
  return { mdx: serializeMdx({ type: "root", children }), warnings };
}

/** How the site reads MDX (remark-mdx + GFM + math). */
const site = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);

describe("markdown → MDX", () => {
  const dangerous = [
    "{a}",
    "{props.x}",
    "}{",
    "a < b",
    "<Foo />",
    "<3",
    "export const a = 1",
    "import x from 'y'",
    "export default function X() {}",
    "  export const indented = 1",
    "> export const quoted = 1",
    "- import { a } from 'b'",
    "<!-- c -->",
    "a {b} $\\{c\\}$ {d}",
    "`{code}`",
    "\\{ escaped",
    "<https://example.com>",
    "{/* comment */}",
    "&#123;entity&#125;",
    "$x$ {$y$}",
  ];
  for (const text of dangerous) {
    it(`keeps ${JSON.stringify(text)} as data`, () => {
      const { mdx } = toMdx(text);
      assert.deepEqual(mdxCodeProblems(mdx), [], mdx);
    });
  }

  it("text survives the round trip exactly (what the site parses is what the notebook said)", () => {
    const text = "중괄호 {a} 와 <b 그리고 export const x = 1 끝";
    const { mdx } = toMdx(text);
    assert.equal(toString(site.parse(mdx)), text);
  });

  it("a line starting with export/import is escaped, not dropped", () => {
    const { mdx } = toMdx("export const a = 1\n\nimport fs from 'node:fs'");
    const tree = site.parse(mdx);
    assert.equal(toString(tree), "export const a = 1import fs from 'node:fs'");
  });

  it("math is handed on untouched, braces and all", () => {
    const tex = "\\{x \\mid x > 0\\} \\cup \\frac{a}{b}";
    const { mdx } = toMdx(`$${tex}$ and\n\n$$\n${tex}\n$$`);
    const values: string[] = [];
    visit(site.parse(mdx), (n) => {
      if (n.type === "inlineMath" || n.type === "math") values.push(n.value);
    });
    assert.deepEqual(values, [tex, tex]);
  });

  it("a | inside math in a table cell stays in the cell", () => {
    const { mdx } = toMdx("| a | b |\n| - | - |\n| $\\|x\\|$ | 1 |");
    let cells = 0;
    let math = "";
    visit(site.parse(mdx), (n) => {
      if (n.type === "tableCell") cells++;
      if (n.type === "inlineMath") math = n.value;
    });
    assert.equal(cells, 4);
    assert.equal(math, "\\|x\\|"); // the site's remark-table-math turns this back into |x|
  });

  it("raw HTML is sanitised into a RawHtml string prop", () => {
    const { mdx, warnings } = toMdx('<div onclick="x()">hi<script>alert(1)</script></div>');
    assert.match(mdx, /^<RawHtml html="<div>hi<\/div>" \/>/);
    assert.ok(warnings.some((w) => w.includes("<script>") && w.includes("onclick=")));
  });

  it("inline HTML renders the paragraph whole, math by KaTeX with MathML", () => {
    const { mdx } = toMdx("a <sub>b</sub> $x$");
    assert.match(mdx, /<RawHtml html="a <sub>b<\/sub> <span class=&#x22;katex&#x22;>.*<math/);
  });

  it("javascript:, data: and vbscript: links become plain text", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", " data:text/html,x", "vbscript:x"]) {
      const { mdx, warnings } = toMdx(`[누르기](${url}) 와 [ok](https://example.org)`);
      assert.doesNotMatch(mdx, /script:|data:/i, mdx);
      assert.match(mdx, /누르기 와 \[ok\]\(https:\/\/example\.org\)/);
      assert.equal(warnings.length, 1);
    }
  });

  it("images that would be fetched from elsewhere become links", () => {
    const { mdx, warnings } = toMdx("![그림](https://example.com/a.png)");
    assert.equal(mdx.trim(), "[\\[이미지: 그림\\]](https://example.com/a.png)");
    assert.equal(warnings.length, 1);
  });

  it("CRLF and LF parse alike", () => {
    assert.deepEqual(parseMarkdown("# a\r\n\r\nb\r\nc"), parseMarkdown("# a\n\nb\nc"));
  });
});
