/**
 * Site-side math: a rehype plugin (used in astro.config.mjs) that replaces
 * remark-math's `<code class="language-math">` with KaTeX HTML + MathML at
 * build time. It uses this project's KaTeX (the one whose CSS and fonts the
 * site serves), not rehype-katex's nested copy. The exporter has already
 * checked every expression, so a failure here names the file and fails the build.
 */
import GithubSlugger from "github-slugger";
import katex from "katex";
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { SKIP, visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { KATEX_OPTIONS } from "./math";

/** A table-of-contents entry: heading text with math kept as `$…$` (the page renders it with KaTeX). */
export interface TocEntry {
  depth: number;
  slug: string;
  text: string;
}

/**
 * Headings get their ids here, before math becomes KaTeX markup: Astro's own
 * heading pass would read the MathML and HTML copies of each formula as text
 * ("hhh"). The entries go to `remarkPluginFrontmatter.toc` for the page.
 */
function headingIds(tree: Root, file: VFile): void {
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  visitParents(tree, "element", (node) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (!m) return;
    const text = headingText(node).replace(/\s+/g, " ").trim();
    const slug = typeof node.properties["id"] === "string" ? node.properties["id"] : slugger.slug(text.replace(/\$/g, ""));
    node.properties["id"] = slug;
    toc.push({ depth: Number(m[1]), slug, text });
    return SKIP;
  });
  const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
  data.astro ??= {};
  data.astro.frontmatter ??= {};
  data.astro.frontmatter["toc"] = toc;
}

function headingText(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  const classes = Array.isArray(node.properties["className"]) ? node.properties["className"].map(String) : [];
  if (node.tagName === "code" && classes.includes("language-math")) return `$${toText(node, { whitespace: "pre" })}$`;
  return node.children.map(headingText).join("");
}

/**
 * KaTeX writes each formula three times: MathML, its TeX annotation and the visual HTML. Search should
 * index it once (the MathML text), or excerpts read "x2+3y2x^2 + 3y^2x2+3y2".
 */
function hideDuplicatesFromSearch(node: ElementContent): void {
  if (node.type !== "element") return;
  const classes = Array.isArray(node.properties["className"]) ? node.properties["className"].map(String) : [];
  if (classes.includes("katex-html") || node.tagName === "annotation") {
    node.properties["dataPagefindIgnore"] = "";
    return;
  }
  node.children.forEach(hideDuplicatesFromSearch);
}

export default function rehypeMath() {
  return (tree: Root, file: VFile) => {
    headingIds(tree, file);
    visitParents(tree, "element", (node, ancestors) => {
      const classes = Array.isArray(node.properties["className"]) ? node.properties["className"].map(String) : [];
      if (node.tagName !== "code" || !classes.includes("language-math")) return;
      const parent = ancestors.at(-1);
      const display = classes.includes("math-display");
      // Display math arrives as <pre><code>; replace the <pre>.
      const target = display && parent?.type === "element" && parent.tagName === "pre" ? parent : node;
      const tex = toText(node, { whitespace: "pre" });
      let html: string;
      try {
        html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, strict: "ignore" });
      } catch (err) {
        throw new Error(
          `${file.path}: invalid math ${JSON.stringify(tex.slice(0, 120))}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const rendered = fromHtml(html, { fragment: true }).children as ElementContent[];
      rendered.forEach(hideDuplicatesFromSearch);
      const replacement: Element = display
        ? { type: "element", tagName: "div", properties: { className: ["math", "math-display"] }, children: rendered }
        : { type: "element", tagName: "span", properties: { className: ["math", "math-inline"] }, children: rendered };
      Object.assign(target, replacement);
      return SKIP;
    });
  };
}
