/**
 * `npm run site:fixtures`: (re)write the exporter's fixture notebooks in
 * test/fixtures/export/. They are checked in; this script documents how each
 * was made and keeps them valid nbformat 4.5. The Plot figure is rendered by
 * the real Observable Plot, so the sanitiser is tested on what Plot emits.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";

const DIR = "test/fixtures/export";
type Json = Record<string, unknown>;
let counter = 0;

function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
function md(source: string, extra: Json = {}): Json {
  return { cell_type: "markdown", id: `md-${++counter}`, metadata: {}, source: lines(source), ...extra };
}
function code(source: string, outputs: Json[] = [], tags: string[] = []): Json {
  return {
    cell_type: "code",
    id: `code-${++counter}`,
    execution_count: counter,
    metadata: tags.length ? { tags } : {},
    source: lines(source),
    outputs,
  };
}
const stream = (name: "stdout" | "stderr", text: string): Json => ({ output_type: "stream", name, text: lines(text) });
const display = (data: Json): Json => ({ output_type: "display_data", data, metadata: {} });
function notebook(cells: Json[], studyNotes?: Json): Json {
  return {
    cells,
    metadata: {
      kernelspec: { name: "study-notes-ts", display_name: "TypeScript (study-notes)", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts" },
      ...(studyNotes && { study_notes: studyNotes }),
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}
function write(path: string, nb: Json): void {
  writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
}

/** A w×h PNG of one colour, encoded by hand (no image library needed). */
function png(w: number, h: number, rgb: [number, number, number]): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]).toString("base64");
}

function plotSvg(): string {
  const { document } = parseHTML("<html><body></body></html>");
  const xs = Array.from({ length: 21 }, (_, i) => -2 + i * 0.2);
  const fig = Plot.plot({
    document: document as unknown as Document,
    width: 480,
    height: 240,
    grid: true,
    y: { label: "f(x) = x²" },
    marks: [
      Plot.ruleY([0]),
      Plot.line(xs, { x: (d: number) => d, y: (d: number) => d * d, clip: true }),
      Plot.dot([[1, 1]], { x: "0", y: "1", fill: "currentColor" }),
      Plot.text([[0, 3]], { x: "0", y: "1", text: () => "접선의 기울기" }),
    ],
  });
  return (fig as unknown as { outerHTML: string }).outerHTML;
}

const GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

function outputsNotebook(): Json {
  const long = Array.from({ length: 450 }, (_, i) => `줄 ${i + 1}: ${"·".repeat(i % 7)}`).join("\n");
  return notebook(
    [
      md(
        "# 모든 출력 형식\n\n이 노트는 내보내기가 다루는 **모든 출력**을 한 번씩 보여 줍니다. 미분 $f'(x)$도 있습니다.\n\n![첨부 그림](attachment:dot.png)\n",
        {
          attachments: { "dot.png": { "image/png": png(48, 16, [200, 30, 30]) } },
        },
      ),
      md("## 텍스트 출력\n"),
      code('console.log("안녕");\nconsole.log("세상");\n', [
        stream("stdout", "안녕\n"),
        stream("stdout", "세상\n"),
        stream("stderr", "경고: 주의\n"),
      ]),
      code('console.log("\\x1b[31m빨강\\x1b[0m 그리고 \\x1b[1;32m초록\\x1b[0m");\n', [
        stream("stdout", "\u001b[31m빨강\u001b[0m 그리고 \u001b[1;32m초록\u001b[0m\n"),
      ]),
      code("progress();\n", [stream("stdout", "진행 10%\r진행 50%\r진행 100%\n완료\n")]),
      code("display.text(long);\n", [display({ "text/plain": long })]),
      md("## 그림\n"),
      code("Plot.plot(...)\n", [display({ "image/svg+xml": lines(plotSvg()) })]),
      code("display.png(img);\n", [display({ "image/png": png(160, 40, [30, 90, 200]) })]),
      code("display.gif(img);\n", [display({ "image/gif": GIF })]),
      md("## 서식 있는 출력\n"),
      code("display.html(table);\n", [
        display({
          "text/html":
            "<table><thead><tr><th>x</th><th>f(x)</th></tr></thead><tbody><tr><td>1</td><td>1</td></tr><tr><td>2</td><td>4</td></tr></tbody></table>",
        }),
      ]),
      code("display.markdown(md);\n", [display({ "text/markdown": "**굵게** 그리고 $x^2$ {중괄호}\n" })]),
      code("display.latex(tex);\n", [display({ "text/latex": "$$\\frac{d}{dx}x^2 = 2x$$" })]),
      code("display.json(obj);\n", [display({ "application/json": { 이름: "경사 하강법", 학습률: 0.1, 단계: [1, 2, 3] } })]),
      code("display.custom(x);\n", [display({ "application/x-unknown": "?", "text/plain": "대체 텍스트" })]),
      md("## 오류와 태그\n"),
      code('throw new Error("실패");\n', [
        { output_type: "error", ename: "Error", evalue: "실패", traceback: ["\u001b[31mError\u001b[0m: 실패", "    at <cell>:1:7"] },
      ]),
      code("// hide-input\nconst a = 1;\n", [stream("stdout", "입력은 접힘\n")], ["hide-input"]),
      code("// hide-output\nconst b = 2;\n", [stream("stdout", "출력은 접힘\n")], ["hide-output"]),
      code("// remove-input: 보이면 안 됨\n", [stream("stdout", "입력 없이 출력만\n")], ["remove-input"]),
      code("// remove-output\nconst c = 3;\n", [stream("stdout", "보이면 안 되는 출력\n")], ["remove-output"]),
      code("// remove-cell: 보이면 안 됨\n", [stream("stdout", "보이면 안 되는 셀\n")], ["remove-cell"]),
      code("", []),
    ],
    {
      summary: "모든 출력 형식을 한 번씩 보여 주는 테스트 노트.",
      learn: ["출력 형식", "셀 태그"],
      verified: { date: "2025-01-01", node: "24.0.0", tslab: "1.0.22" },
    },
  );
}

function markdownNotebook(): Json {
  const crlf = (s: string) => s.replace(/\n/g, "\r\n");
  return notebook([
    md("# 까다로운 마크다운\n\n중괄호 {a} 와 $\\{x \\mid x > 0\\}$, 그리고 {props.x} 와 {/* 주석 */}.\n"),
    md("부등호 a < b, <Foo />, <3 그리고 x<y.\n\nexport const a = 1\n\nimport fs from 'node:fs'\n\nexport default function X() {}\n"),
    md(
      '<div class="note">\n  <b>블록 HTML</b> 입니다.\n</div>\n\n인라인 <sub>아래</sub> 와 <kbd>Ctrl</kbd>, 수식 $x^2$ 포함.\n\n<!-- 주석 -->\n',
    ),
    md("| 식 | 값 |\n| --- | --- |\n| $\\|x\\|$ | 절댓값 |\n| $a \\| b$ | 나눔 |\n| `a\\|b` | 코드 |\n"),
    md("1. 첫째\n   - 중첩 하나\n     - 더 깊게 $\\sum_{i=1}^{n} i$\n   - 중첩 둘\n2. 둘째\n\n- [ ] 할 일\n- [x] 한 일\n"),
    md(crlf("## CRLF 줄바꿈\n\n윈도우에서 쓴 셀입니다.\n두 번째 줄.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n")),
    md(
      '코드 블록 안의 {중괄호}:\n\n```ts\nconst f = (x: number) => { return x * x };\n```\n\n<https://example.com> 자동 링크와 [링크](https://example.org "제목").\n\n각주[^1].\n\n[^1]: 각주 내용 {x}.\n',
    ),
    md("## 기울기 $\\nabla f$ 와 {중괄호}\n\n제목에 수식이 있어도 목차가 수식으로 보여야 합니다.\n"),
    md("한국어 문단: 미분은 함수의 순간 변화율이다. 도함수 $f'(x) = \\lim_{h \\to 0} \\frac{f(x+h) - f(x)}{h}$ 로 정의한다.\n"),
  ]);
}

function injectionNotebook(): Json {
  return notebook([
    md(
      '# 주입 시험\n\n<script>window.__pwned_md = 1</script>\n\n<img src=x onerror="window.__pwned_img = 1">\n\n[누르기](javascript:window.__pwned_link=1) 와 <a href="javascript:alert(1)">링크</a>\n',
    ),
    // If MDX ever ran these at build time, the canary file would appear (the site test checks it does not).
    md(
      "import { writeFileSync } from 'node:fs'\n\nexport const pwned = writeFileSync('test-results/pwned-by-notebook.txt', 'esm')\n\n{writeFileSync('test-results/pwned-by-notebook.txt', 'expression')}\n\n<Content components={{}} />\n",
    ),
    code("display.html(evil);\n", [
      display({
        "text/html":
          '<p onclick="window.__pwned_click=1">클릭</p><script>window.__pwned_html = 1</script><iframe src="https://example.com"></iframe><img src="https://example.com/x.png"><a href="javascript:alert(1)">js</a><style>body{background:url(https://example.com/bg.png)}</style>',
      }),
    ]),
    code("display.svg(evil);\n", [
      display({
        "image/svg+xml":
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="window.__pwned_svg=1"><script>window.__pwned_svg2=1</script><foreignObject><div>x</div></foreignObject><use href="https://example.com/s.svg#a"/><rect width="10" height="10" style="fill:url(https://example.com/p.svg)"/><a href="javascript:alert(1)"><text y="8">나쁜 링크</text></a></svg>',
      }),
    ]),
    code("display.markdown(evil);\n", [display({ "text/markdown": "<script>window.__pwned_mdout=1</script>\n\nexport const z = 1\n" })]),
  ]);
}

function interactiveNotebook(): Json {
  return notebook(
    [
      md("# 학습률 실험\n\n경사 하강법에서 학습률 $\\alpha$ 가 너무 크면 발산합니다. 슬라이더로 바꿔 보세요.\n", {
        metadata: { tags: ["interactive:gradient-descent"] },
      }),
      md("정적 그림은 빌드할 때 계산되고, 슬라이더를 움직이면 브라우저에서 같은 `src/lib` 코드로 다시 계산합니다.\n"),
    ],
    { summary: "학습률 $\\alpha$ 를 바꾸며 경사 하강법을 다시 돌려 보는 인터랙티브 그림." },
  );
}

function errorNotebooks(): Record<string, Json | string> {
  return {
    "bad-katex.ipynb": notebook([md("# 나쁜 수식\n"), md("올바른 $x$ 뒤에 틀린 $\\frac{1}{$ 수식.\n")]),
    "unknown-mime.ipynb": notebook([md("# 모르는 형식\n"), code("show();\n", [display({ "application/x-mystery": "?" })])]),
    "not-json.ipynb": '{"cells": [ {"cell_type": "markdown", ',
    "no-title.ipynb": notebook([md("제목이 없는 노트.\n")]),
  };
}

mkdirSync(`${DIR}/input`, { recursive: true });
mkdirSync(`${DIR}/errors`, { recursive: true });
write(`${DIR}/input/91-outputs.ipynb`, outputsNotebook());
write(`${DIR}/input/92-tricky-markdown.ipynb`, markdownNotebook());
write(`${DIR}/input/93-injection.ipynb`, injectionNotebook());
write(`${DIR}/input/94-interactive.ipynb`, interactiveNotebook());
for (const [name, nb] of Object.entries(errorNotebooks())) {
  if (typeof nb === "string") writeFileSync(`${DIR}/errors/${name}`, nb);
  else write(`${DIR}/errors/${name}`, nb);
}
console.log(`wrote fixtures in ${DIR}`);
