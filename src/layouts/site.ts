import { execFileSync } from "node:child_process";
import katex from "katex";
import { KATEX_OPTIONS } from "../export/math";

// Vite's `import.meta.env` (declared by astro/client too); repeated here so plain `tsc` needs no generated types.
declare global {
  interface ImportMetaEnv {
    BASE_URL: string;
  }
  interface ImportMeta {
    readonly env: ImportMetaEnv;
  }
}

/** Site-wide settings shown in the layout. */
export const SITE = {
  title: "머신러닝을 위한 미적분 노트",
  shortTitle: "미적분 노트",
  description: "TypeScript 노트북으로 배우는 머신러닝 미적분: 실행해 검증한 코드와 그림.",
  /** Repository page for "view source" links, e.g. "https://…/blob/main"; unset: the site's own source page. */
  repoBlobUrl: process.env["STUDY_NOTES_REPO_BLOB_URL"],
} as const;

/** A path under the site's base (always with a trailing slash for pages). */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * A one-line text from frontmatter (summary) as HTML: `$…$` rendered by KaTeX,
 * everything else escaped. The exporter has already checked the math.
 */
export function inlineHtml(text: string): string {
  return text
    .split(/(\$[^$\n]+\$)/g)
    .map((part) =>
      /^\$[^$\n]+\$$/.test(part)
        ? katex.renderToString(part.slice(1, -1), { ...KATEX_OPTIONS, throwOnError: false, strict: "ignore" })
        : part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    )
    .join("");
}

/** The same text without math delimiters, for `<meta name="description">`. */
export function plainSummary(text: string): string {
  return text.replace(/\$([^$\n]+)\$/g, "$1");
}

/**
 * When a notebook's outputs were last verified, if its metadata does not say:
 * the date of the last commit that touched it (the runner re-verifies before
 * every commit). Read at build time, so no timestamp is written into files.
 */
export function lastCommitDate(path: string): string | undefined {
  try {
    const out = execFileSync("git", ["log", "-1", "--format=%cs", "--", path], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
