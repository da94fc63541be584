/**
 * The built site in a real browser (Debian chromium + playwright-core), served
 * on 127.0.0.1: every note page loads cleanly and only from this host, math and
 * figures render, search finds Korean, notebook scripts never run, and a note
 * page without an interactive figure ships no JavaScript.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "../../scripts/site-server";
import { loadExperiment } from "../../src/experiments/load";
import { experimentsDir } from "../../src/export/paths";
import { launch, record } from "./browser";
import { buildTestSite, CANARY, WORK } from "./build";

let dist = "";
let server: RunningServer;
let browser: Browser;
let notePaths: string[] = [];
/** Filled by the page-load test: what each note page ran. */
const scriptsByPage = new Map<string, { interactive: boolean; scriptTags: number; scripts: string[] }>();

before(async () => {
  const built = await buildTestSite();
  dist = built.dist;
  if (built.ms) console.log(`# site built in ${built.ms} ms`);
  server = await startServer(dist);
  browser = await launch();
  const slugs = (await readdir(join(dist, "notes"), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  notePaths = slugs.map((s) => `/notes/${s}/`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, colorScheme: "light" | "dark" = "light") {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, colorScheme });
  const log = record(page, server.url);
  const response = await page.goto(server.url + path, { waitUntil: "networkidle", timeout: 30_000 });
  return { page, log, status: response?.status() ?? 0 };
}

describe("built site", () => {
  it("has the notes, the fixture notes among them", () => {
    for (const slug of ["outputs", "tricky-markdown", "injection", "interactive"]) assert.ok(notePaths.includes(`/notes/${slug}/`), slug);
  });

  it("every note page loads with no console errors and no failed or off-site requests", async () => {
    for (const path of notePaths) {
      const { page, log, status } = await open(path);
      assert.equal(status, 200, path);
      assert.deepEqual(log.consoleErrors, [], `${path} console`);
      assert.deepEqual(log.pageErrors, [], `${path} page errors`);
      assert.deepEqual(log.failed, [], `${path} failed requests`);
      assert.deepEqual(log.badStatus, [], `${path} HTTP errors`);
      assert.deepEqual(log.offsite, [], `${path} off-site requests`);
      assert.equal(await page.locator("html").getAttribute("lang"), "ko");
      assert.equal(await page.locator(".katex-error").count(), 0, `${path} has a .katex-error`);
      for (const link of [page.locator("a[download]").first(), page.locator(".note-facts a", { hasText: "소스 보기" })]) {
        const href = (await link.getAttribute("href")) ?? "";
        assert.equal((await page.request.get(server.url + href)).status(), 200, `${path}: ${href}`);
      }
      scriptsByPage.set(path, {
        interactive: (await page.locator(".nb-interactive").count()) > 0,
        scriptTags: await page.locator("script").count(),
        scripts: log.scripts,
      });
      for (const svg of await page.locator(".nb-figure svg").all()) {
        assert.ok(await svg.isVisible(), `${path}: a figure is not visible`);
        const box = await svg.boundingBox();
        assert.ok(box && box.width > 50 && box.height > 50, `${path}: a figure is ${JSON.stringify(box)}`);
      }
      await page.close();
    }
  });

  it("renders math at build time, with MathML for screen readers", async () => {
    const { page } = await open("/notes/tricky-markdown/");
    assert.ok((await page.locator(".katex").count()) >= 5);
    assert.ok((await page.locator(".katex math").count()) >= 5, "MathML");
    // A heading with math: its TOC entry shows the formula (KaTeX), and links to the heading's id.
    const entry = page.locator(".toc a", { hasText: "기울기" });
    assert.equal(await entry.locator(".katex").count(), 1);
    const target = (await entry.getAttribute("href")) ?? "";
    assert.equal(await page.locator(`[id="${decodeURIComponent(target.slice(1))}"]`).count(), 1, target);
    // `|` inside math in a table cell: the cell holds |x|, not ‖x‖
    assert.match((await page.locator("table .katex-mathml").first().textContent()) ?? "", /\|x\|/);
    await page.close();
  });

  it("a note page without an interactive figure ships no JavaScript", () => {
    assert.equal(scriptsByPage.size, notePaths.length, "runs after the page-load test");
    let plain = 0;
    for (const [path, { interactive, scriptTags, scripts }] of scriptsByPage) {
      if (interactive) {
        // Only the site's own bundled module, never inline code.
        for (const url of scripts) assert.match(url, /\/_astro\/[^/]+\.js$/, `${path} loaded ${url}`);
      } else {
        plain++;
        assert.equal(scriptTags, 0, `${path} has a <script>`);
        assert.deepEqual(scripts, [], `${path} loaded JS`);
      }
    }
    assert.ok(plain >= 3);
  });

  it("the interactive figure re-runs gradient descent in the browser", async () => {
    const { page, log } = await open("/notes/interactive/");
    assert.ok(log.scripts.length > 0);
    const path = page.locator("[data-gd-path]");
    const before = await path.getAttribute("d");
    await page.locator("[data-gd-input]").fill("2.5");
    await page.waitForFunction((d) => document.querySelector("[data-gd-path]")?.getAttribute("d") !== d, before);
    assert.match((await page.locator("[data-gd-status]").textContent()) ?? "", /발산/);
    await page.close();
  });

  it("runs no script from a notebook, at build time or in the browser", async () => {
    assert.ok(!existsSync(CANARY), `the injection notebook's code ran at build time: ${CANARY} exists`);
    const { page } = await open("/notes/injection/");
    const pwned = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith("__pwned")));
    assert.deepEqual(pwned, []);
    assert.equal(await page.locator("script, iframe, foreignObject, object, embed").count(), 0);
    const html = await readFile(join(dist, "notes/injection/index.html"), "utf8");
    assert.doesNotMatch(html, /<script|javascript:|\son[a-z]+=|example\.com\/(x|bg|p|s)/i);
    // The notebook's MDX-looking text is shown as text.
    assert.match((await page.locator(".note-body").textContent()) ?? "", /export const pwned = writeFileSync/);
    await page.close();
  });

  it("search finds a Korean word, offline", async () => {
    const { page, log } = await open("/search/?q=미분");
    await page.locator(".pagefind-ui__result").first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator(".pagefind-ui__result").count()) > 0);
    // The query box uses the site's Korean web font (no system font here has Hangul: boxes otherwise).
    const font = await page
      .locator("#search input")
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /^"?Pretendard/);
    assert.deepEqual(log.offsite, []);
    assert.deepEqual(log.consoleErrors, []);
    await page.close();
  });

  it("search excerpts show each formula once, not KaTeX's TeX and visual copies too", async () => {
    const { page } = await open("/search/?q=그래디언트");
    await page.locator(".pagefind-ui__result-excerpt").first().waitFor({ timeout: 15_000 });
    const excerpts = await page.locator(".pagefind-ui__result-excerpt").allTextContents();
    assert.ok(excerpts.length > 0);
    for (const text of excerpts) assert.doesNotMatch(text, /[\\^]/, `TeX source in a search excerpt: ${text}`);
    await page.close();
  });

  it("experiment logs render as tables with their figures", async () => {
    const logs = (await readdir(join(dist, "experiments"), { withFileTypes: true })).filter((d) => d.isDirectory());
    assert.ok(logs.length > 0);
    let figuresSeen = 0;
    for (const d of logs) {
      const { page, log } = await open(`/experiments/${d.name}/`);
      assert.ok((await page.locator("table").count()) >= 2);
      // Every figure the YAML names is on the page as a visible, titled SVG.
      const yaml = loadExperiment(join(experimentsDir(), `${d.name}.yaml`), () => {});
      const svgs = await page.locator(".nb-figure svg").all();
      assert.equal(svgs.length, yaml.figures.length, `${d.name}: figures on the page`);
      for (const svg of svgs) {
        assert.ok(await svg.isVisible(), `${d.name}: a figure is not visible`);
        assert.ok((await svg.locator("title").count()) > 0, `${d.name}: a figure has no <title>`);
      }
      figuresSeen += svgs.length;
      assert.deepEqual([...log.consoleErrors, ...log.failed, ...log.offsite], []);
      await page.close();
    }
    assert.ok(figuresSeen > 0, "at least one experiment log shows figures");
  });

  it("has a 404 page and a sitemap", async () => {
    const { page, status } = await open("/no/such/page/");
    assert.equal(status, 404);
    assert.match((await page.locator("h1").textContent()) ?? "", /찾을 수 없습니다/);
    assert.ok(existsSync(join(dist, "sitemap-index.xml")));
    await page.close();
  });

  it("saves screenshots of the home page and a note page", async () => {
    await mkdir(WORK, { recursive: true });
    const shots: [string, string, "light" | "dark"][] = [
      ["/", "home.png", "light"],
      ["/notes/outputs/", "note-outputs.png", "light"],
      ["/notes/tricky-markdown/", "note-tricky-dark.png", "dark"],
      ["/notes/interactive/", "note-interactive.png", "light"],
    ];
    const real = notePaths.find((p) => !/(outputs|tricky-markdown|injection|interactive)\/$/.test(p));
    if (real) shots.push([real, "note-real.png", "light"]);
    for (const [path, file, scheme] of shots) {
      const { page } = await open(path, scheme);
      await page.screenshot({ path: join(WORK, file), fullPage: false });
      await page.close();
    }
  });
});
