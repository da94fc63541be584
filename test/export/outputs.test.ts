/** Output rendering rules that golden files alone would not make obvious. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { IOutput } from "@jupyterlab/nbformat";
import { AssetCollector, imageSize } from "../../src/export/assets";
import { ExportError } from "../../src/export/errors";
import { serializeMdx } from "../../src/export/markdown-to-mdx";
import { renderOutput } from "../../src/export/outputs";
import { ansiToHtml, applyCarriageReturns, LIMITS, truncateText } from "../../src/export/text-output";

function render(output: IOutput): { mdx: string; warnings: string[]; assets: AssetCollector } {
  const warnings: string[] = [];
  const assets = new AssetCollector();
  const nodes = renderOutput(output, {
    place: { path: "t.ipynb", cell: { index: 2, id: "abc" }, part: "output 0" },
    assets,
    idPrefix: "c2-o0",
    attachment: () => undefined,
    warn: (w) => warnings.push(w.problem),
  });
  return { mdx: serializeMdx({ type: "root", children: nodes }), warnings, assets };
}

const display = (data: Record<string, unknown>) => ({ output_type: "display_data", data, metadata: {} }) as IOutput;

describe("outputs", () => {
  it("prefers SVG over HTML over PNG over text", () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC";
    assert.match(
      render(display({ "text/plain": "t", "image/png": png, "text/html": "<b>h</b>", "image/svg+xml": "<svg></svg>" })).mdx,
      /^<Figure svg=/,
    );
    assert.match(render(display({ "text/plain": "t", "image/png": png, "text/html": "<b>h</b>" })).mdx, /^<HtmlOutput html="<b>h<\/b>"/);
    const r = render(display({ "text/plain": "t", "image/png": png }));
    assert.match(r.mdx, /^<NbImage src="[0-9a-f]{16}\.png" alt="셀 출력 이미지" width="1" height="1"/);
    assert.equal(r.assets.list().length, 1);
  });

  it("unknown MIME with a fallback warns; without one fails, located", () => {
    const r = render(display({ "application/x-new": {}, "text/plain": "대체" }));
    assert.match(r.mdx, /^<Stream name="text" text="대체"/);
    assert.match(r.warnings[0] ?? "", /unknown MIME type application\/x-new; showing text\/plain/);
    assert.throws(
      () => render(display({ "application/x-new": {} })),
      (e: unknown) =>
        e instanceof ExportError && /t\.ipynb: cell 2 \(id 'abc'\): output 0: unknown MIME type "application\/x-new"/.test(e.message),
    );
  });

  it("text/latex loses its $$ delimiters and is checked by KaTeX", () => {
    assert.equal(render(display({ "text/latex": "$$x^2$$" })).mdx.trim(), "$$\nx^2\n$$");
    assert.throws(() => render(display({ "text/latex": "$$\\frac{$$" })), /invalid display math/);
  });

  it("application/json is pretty-printed", () => {
    assert.equal(render(display({ "application/json": { a: [1] } })).mdx.trim(), '```json\n{\n  "a": [\n    1\n  ]\n}\n```');
  });

  it("an error output keeps name, message and traceback", () => {
    const mdx = render({
      output_type: "error",
      ename: "TypeError",
      evalue: "x is <undefined>",
      traceback: ["TypeError: x", "  at f"],
    } as IOutput).mdx;
    assert.match(mdx, /<NbError\s+ename="TypeError"\s+evalue="x is <undefined>"\s+text="TypeError: x\n  at f"\s+\/>/);
  });

  it("ANSI colours become spans with theme variables; text is escaped", () => {
    assert.equal(ansiToHtml("\u001b[31m<빨강>\u001b[0m"), '<span style="color:var(--ansi-1)">&lt;빨강&gt;</span>');
  });

  it("carriage returns show the last write of a line", () => {
    assert.equal(applyCarriageReturns("10%\r50%\r100%\nok\r\n"), "100%\nok\n");
  });

  it("long text is truncated with a visible note", () => {
    const long = Array.from({ length: LIMITS.textLines + 50 }, (_, i) => `${i}`).join("\n");
    const t = truncateText(long);
    assert.equal(t.text.split("\n").length, LIMITS.textLines);
    assert.match(t.note ?? "", /전체 450줄/);
    const mdx = render({ output_type: "stream", name: "stdout", text: long } as IOutput).mdx;
    assert.match(mdx, /<Notice text="출력이 길어 앞부분만 보여 줍니다/);
  });

  it("reads image sizes from PNG and GIF headers", () => {
    assert.deepEqual(imageSize(Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64")), { width: 1, height: 1 });
  });
});
