/**
 * `npm run bench:site [-- --sizes 20,200]`: how the site build scales, and what
 * a reader downloads.
 *
 * - Build time (export + astro build + Pagefind) for the real notebooks, and
 *   for N generated notebooks per size (each: Korean prose, math, code, a Plot
 *   figure, stream output); the time per page should stay flat as N grows.
 * - Bytes per note page, split into HTML, CSS, JS and fonts, as Chromium loads
 *   it (fonts are subset, so only the glyphs a page uses are fetched). Goal:
 *   0 bytes of JS on a note page without an interactive figure.
 * Writes test-results/bench/site.json; all work happens under test-results/bench.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { launch, record } from "../test/site/browser";
import { startServer } from "./site-server";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "20,200" } } });
const sizes = values.sizes
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const WORK = resolve("test-results/bench");

/** One generated note, shaped like the real ones. */
async function generate(dir: string, n: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const fixture = JSON.parse(await readFile("test/fixtures/export/input/91-outputs.ipynb", "utf8")) as {
    cells: { outputs?: { data?: Record<string, string[]> }[] }[];
  };
  const svg = fixture.cells.flatMap((c) => c.outputs ?? []).find((o) => o.data?.["image/svg+xml"])?.data?.["image/svg+xml"] ?? [
    "<svg></svg>",
  ];
  const lines = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (let i = 1; i <= n; i++) {
    const cells = [
      {
        cell_type: "markdown",
        id: `t${i}`,
        metadata: {},
        source: lines(`# 노트 ${i}: 도함수와 기울기\n\n함수 $f(x) = x^2$ 의 도함수는 $f'(x) = 2x$ 입니다. 미분은 순간 변화율을 잰다.\n`),
      },
      {
        cell_type: "markdown",
        id: `m${i}`,
        metadata: {},
        source: lines(
          `## 정의\n\n$$\nf'(x) = \\lim_{h \\to 0} \\frac{f(x+h) - f(x)}{h}\n$$\n\n중앙 차분은 오차가 $O(h^2)$ 로 줄어든다. 표로 보면:\n\n| $h$ | 오차 |\n| --- | --- |\n| $10^{-1}$ | $10^{-2}$ |\n| $10^{-2}$ | $10^{-4}$ |\n`,
        ),
      },
      {
        cell_type: "code",
        id: `c${i}`,
        execution_count: 1,
        metadata: {},
        source: lines(`import { derivative } from "../src/lib/calculus";\nconsole.log(derivative((x) => x * x, ${i}));\n`),
        outputs: [{ output_type: "stream", name: "stdout", text: [`${2 * i}\n`] }],
      },
      {
        cell_type: "code",
        id: `p${i}`,
        execution_count: 2,
        metadata: {},
        source: lines("displayPlot({ marks: [] });\n"),
        outputs: [{ output_type: "display_data", data: { "image/svg+xml": svg }, metadata: {} }],
      },
      {
        cell_type: "markdown",
        id: `e${i}`,
        metadata: {},
        source: lines("## 정리\n\n경사 하강법은 기울기의 반대 방향으로 조금씩 움직인다.\n"),
      },
    ];
    const nb = {
      cells,
      metadata: {
        kernelspec: { name: "study-notes-ts", display_name: "TypeScript", language: "typescript" },
        language_info: { name: "typescript" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    };
    await writeFile(join(dir, `${String(i).padStart(3, "0")}-note-${i}.ipynb`), JSON.stringify(nb));
  }
}

interface BuildResult {
  label: string;
  pages: number;
  ms: number;
  msPerPage: number;
  steps: string;
}

async function build(label: string, notebooksDir: string): Promise<BuildResult & { dist: string }> {
  const dist = join(WORK, `dist-${label}`);
  await rm(join(WORK, `cache-${label}`), { recursive: true, force: true });
  const t0 = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/site-build.ts", "--notebooks", notebooksDir, "--out", dist, "--cache-dir", join(WORK, `cache-${label}`)],
    { env: { ...process.env, STUDY_NOTES_CONTENT: join(WORK, `content-${label}`) }, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Math.round(performance.now() - t0);
  const pages = (await readdir(join(dist, "notes")).catch(() => [] as string[])).length;
  return { label, pages, ms, msPerPage: pages ? Math.round(ms / pages) : 0, steps: stdout.trim().split("\n").at(-1) ?? "", dist };
}

interface PageBytes {
  page: string;
  html: number;
  css: number;
  js: number;
  font: number;
  other: number;
  htmlGzip: number;
  cssGzip: number;
  scripts: number;
}

async function pageBytes(dist: string, path: string): Promise<PageBytes> {
  const server = await startServer(dist);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const log = record(page, server.url);
    await page.goto(server.url + path, { waitUntil: "networkidle" });
    await page.waitForTimeout(300);
    return { page: path, ...log.bytes, htmlGzip: log.gzip.html, cssGzip: log.gzip.css, scripts: await page.locator("script").count() };
  } finally {
    await browser.close();
    await server.close();
  }
}

await mkdir(WORK, { recursive: true });
const builds: BuildResult[] = [];
const bytes: PageBytes[] = [];
const real = await build("real", "notebooks");
builds.push(real);
const realSlugs = await readdir(join(real.dist, "notes")).catch(() => [] as string[]);
for (const slug of realSlugs.slice(0, 3)) bytes.push(await pageBytes(real.dist, `/notes/${slug}/`));
for (const n of sizes) {
  const dir = join(WORK, `notebooks-${n}`);
  await generate(dir, n);
  const r = await build(`gen-${n}`, dir);
  builds.push(r);
  if (n === sizes[0]) bytes.push(await pageBytes(r.dist, "/notes/note-1/"));
}
console.log("\nbuild (export + astro build + pagefind)");
console.table(
  builds.map(({ label, pages, ms, msPerPage }) => ({
    notebooks: label,
    "note pages": pages,
    "total ms": ms,
    "ms per note page": msPerPage,
  })),
);
console.log("bytes per note page as loaded by Chromium");
console.table(
  bytes.map((b) => ({
    page: b.page,
    html: b.html,
    "html gz": b.htmlGzip,
    css: b.css,
    "css gz": b.cssGzip,
    js: b.js,
    fonts: b.font,
    other: b.other,
    "<script> tags": b.scripts,
  })),
);
const gen = builds.filter((b) => b.label.startsWith("gen-"));
if (gen.length >= 2) {
  const first = gen[0]!;
  const last = gen.at(-1)!;
  console.log(
    `time per page: ${first.msPerPage} ms at ${first.pages} pages → ${last.msPerPage} ms at ${last.pages} pages (ratio ${(last.msPerPage / Math.max(1, first.msPerPage)).toFixed(2)}; fixed start-up cost is spread over more pages)`,
  );
}
const jsOnPlainNotes = bytes.filter((b) => b.scripts === 0).every((b) => b.js === 0);
console.log(`0 bytes of JS on note pages without an interactive figure: ${jsOnPlainNotes ? "yes" : "NO"}`);
await writeFile(join(WORK, "site.json"), `${JSON.stringify({ builds, bytes }, null, 2)}\n`);
