/**
 * Headless Chromium for the site tests: Debian's /usr/bin/chromium driven by
 * playwright-core, with every request, console message and failure recorded
 * so a test can assert "no errors, nothing from another host".
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { gzipSync } from "node:zlib";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}

/** What a page did while loading. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  failed: string[];
  /** Requests to any origin other than the test server's. */
  offsite: string[];
  /** Responses with status >= 400. */
  badStatus: string[];
  /** URLs of JavaScript responses. */
  scripts: string[];
  /** Bytes by kind: html, css, js, font, other. */
  bytes: Record<"html" | "css" | "js" | "font" | "other", number>;
  /** The same, gzip-compressed (what a static host would send; fonts barely change). */
  gzip: Record<"html" | "css" | "js" | "font" | "other", number>;
}

export function record(page: Page, origin: string): PageLog {
  const log: PageLog = {
    consoleErrors: [],
    pageErrors: [],
    failed: [],
    offsite: [],
    badStatus: [],
    scripts: [],
    bytes: { html: 0, css: 0, js: 0, font: 0, other: 0 },
    gzip: { html: 0, css: 0, js: 0, font: 0, other: 0 },
  };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") log.consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.pageErrors.push(e.message));
  page.on("requestfailed", (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("about:")) log.offsite.push(url);
  });
  page.on("response", async (r) => {
    if (r.status() >= 400) log.badStatus.push(`${r.status()} ${r.url()}`);
    const type = r.headers()["content-type"] ?? "";
    const kind = type.includes("html")
      ? "html"
      : type.includes("css")
        ? "css"
        : type.includes("javascript")
          ? "js"
          : type.startsWith("font/")
            ? "font"
            : "other";
    if (kind === "js") log.scripts.push(r.url());
    const body = await r.body().catch(() => Buffer.alloc(0));
    log.bytes[kind] += body.length;
    log.gzip[kind] += kind === "font" ? body.length : gzipSync(body).length;
  });
  return log;
}
