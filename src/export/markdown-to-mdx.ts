/**
 * Markdown cells → mdast → MDX text.
 *
 * Notebook Markdown is parsed as plain CommonMark + GFM + math (never as MDX),
 * so `{`, `<`, `import`/`export` lines are text. The tree is then serialised
 * by remark-stringify with remark-mdx, which escapes whatever MDX would read as
 * code. Raw HTML is sanitised and carried as a string prop of `<RawHtml>`.
 */
import type { Element, Root as HastRoot } from "hast";
import { toText } from "hast-util-to-text";
import type { Image, Nodes, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { toHtml } from "hast-util-to-html";
import { mathToMarkdown } from "mdast-util-math";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkStringify, { type Options as StringifyOptions } from "remark-stringify";
import { unified } from "unified";
import { removePosition } from "unist-util-remove-position";
import { SKIP, visit } from "unist-util-visit";
import type { AssetCollector } from "./assets";
import type { ExportWarning, Place } from "./errors";
import { renderMath } from "./math";
import { flow, text } from "./mdx-nodes";
import { sanitizeHtml } from "./sanitize";

/** What converting one piece of Markdown needs from its surroundings. */
export interface MarkdownContext {
  place: Place;
  assets: AssetCollector;
  /** Unique per cell/output: prefixes ids in sanitised HTML. */
  idPrefix: string;
  /** A cell attachment (`attachment:name`): MIME type and base64 data. */
  attachment(name: string): { mime: string; data: string } | undefined;
  warn(warning: ExportWarning): void;
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

/** Parse notebook Markdown (CRLF or LF) to mdast without positions. */
export function parseMarkdown(markdown: string): Root {
  const tree = parser.parse(markdown.replace(/\r\n?/g, "\n"));
  removePosition(tree, { force: true });
  return tree;
}

/** Parse and make safe: sanitised raw HTML, attachments as assets, `|` in table math. */
export function markdownToMdast(markdown: string, ctx: MarkdownContext): RootContent[] {
  const tree = parseMarkdown(markdown);
  unescapeTablePipes(tree);
  dropUnsafeLinks(tree, ctx);
  replaceImages(tree, ctx);
  replaceHtml(tree, ctx);
  return tree.children;
}

/** GFM splits table rows on `|` first; `\|` keeps a pipe inside `$…$` (as GitHub does). */
function unescapeTablePipes(tree: Root): void {
  visit(tree, "tableCell", (cell) => {
    visit(cell, "inlineMath", (math) => {
      math.value = math.value.replace(/\\\|/g, "|");
      // remark-math also put the text in `data.hChildren`, which is what mdast-util-to-hast renders.
      if (math.data?.hChildren) math.data.hChildren = [{ type: "text", value: math.value }];
    });
  });
}

/** Links may go anywhere on the web, but never run code: `javascript:`, `data:`, `vbscript:` links become plain text. */
function dropUnsafeLinks(tree: Root, ctx: MarkdownContext): void {
  const unsafe = (url: string) => {
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    return scheme !== undefined && !["http", "https", "mailto"].includes(scheme);
  };
  visit(tree, (node, index, parent) => {
    if ((node.type === "link" || node.type === "definition") && unsafe(node.url)) {
      ctx.warn({ place: ctx.place, problem: `removed a link to ${JSON.stringify(node.url.slice(0, 60))}` });
      if (node.type === "definition") node.url = "#";
      else if (parent && index !== undefined) {
        parent.children.splice(index, 1, ...(node.children as never[]));
        return index;
      }
    }
    return undefined;
  });
}

function replaceImages(tree: Root, ctx: MarkdownContext): void {
  visit(tree, "image", (node: Image, index, parent) => {
    if (!parent || index === undefined) return;
    const replacement = imageNode(node, ctx);
    parent.children.splice(index, 1, replacement);
    return [SKIP, index + 1];
  });
}

function imageNode(node: Image, ctx: MarkdownContext): PhrasingContent {
  const alt = node.alt ?? "";
  if (node.url.startsWith("attachment:")) {
    const name = decodeURIComponent(node.url.slice("attachment:".length));
    const found = ctx.attachment(name);
    const file = found ? ctx.assets.addBase64(found.mime, found.data) : null;
    if (file) return text("NbImage", { src: file, alt, title: node.title ?? undefined });
    ctx.warn({ place: { ...ctx.place, part: `attachment '${name}'` }, problem: "missing or unreadable attachment; shown as text" });
    return { type: "text", value: `[이미지: ${alt || name}]` };
  }
  // Anything else would be fetched by the reader's browser (maybe from another host): show a link instead.
  ctx.warn({ place: ctx.place, problem: `image ${JSON.stringify(node.url)} is not a cell attachment; shown as a link` });
  return { type: "link", url: node.url, children: [{ type: "text", value: `[이미지: ${alt || node.url}]` }] };
}

/**
 * Raw HTML. A block of HTML becomes `<RawHtml html="…"/>`. Inline tags are split
 * across sibling nodes (`<b>`, text, `</b>`), so a paragraph (or heading, cell)
 * holding any is rendered whole: to HTML, sanitised, math by KaTeX.
 */
function replaceHtml(tree: Root, ctx: MarkdownContext): void {
  let n = 0;
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === "html" && isFlowParent(parent)) {
      const html = clean(node.value, `${ctx.idPrefix}-h${n++}`, ctx);
      parent.children.splice(index, 1, ...(html ? [flow("RawHtml", { html })] : []));
      return [SKIP, index + (html ? 1 : 0)];
    }
    if ("children" in node && node.type !== "tableRow" && node.type !== "table" && node.children.some((c) => c.type === "html")) {
      const html = clean(phrasingToHtml(node as Parent), `${ctx.idPrefix}-h${n++}`, ctx);
      (node as Parent).children = html ? [text("RawHtml", { html, inline: "true" })] : [];
      return SKIP;
    }
    return undefined;
  });
}

function isFlowParent(parent: Parent): boolean {
  return parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem" || parent.type === "footnoteDefinition";
}

function clean(html: string, idPrefix: string, ctx: MarkdownContext): string {
  const result = sanitizeHtml(html, { idPrefix, transform: (tree) => renderMathElements(tree, ctx) });
  if (result.removed.length > 0) {
    ctx.warn({ place: ctx.place, problem: `removed from raw HTML: ${result.removed.join(", ")}` });
  }
  return result.html.trim();
}

/** Phrasing content with inline HTML → one HTML string (math stays `<code class="language-math">`). */
function phrasingToHtml(node: Parent): string {
  const hast = toHast({ type: "paragraph", children: node.children } as Nodes, { allowDangerousHtml: true });
  const inner = hast.type === "element" ? hast.children : [hast];
  return toHtml({ type: "root", children: inner as never }, { allowDangerousHtml: true });
}

/** After sanitising: math placeholders → KaTeX (it will not reach the site's rehype plugin). */
function renderMathElements(tree: HastRoot, ctx: MarkdownContext): void {
  visit(tree, "element", (node: Element, index, parent) => {
    const classes = Array.isArray(node.properties["className"]) ? node.properties["className"].map(String) : [];
    if (node.tagName !== "code" || !classes.includes("language-math") || !parent || index === undefined) return;
    const html = renderMath(toText(node, { whitespace: "pre" }), classes.includes("math-display"), ctx.place, ctx.warn);
    parent.children.splice(index, 1, { type: "raw", value: html });
    return [SKIP, index + 1];
  });
}

/** remark-stringify settings for all generated MDX. */
const STRINGIFY: StringifyOptions = {
  bullet: "-",
  emphasis: "_",
  fences: true,
  rule: "-",
  listItemIndent: "one",
  // MDX reads `import`/`export` at the start of a line as JavaScript; remark-mdx does not escape them.
  unsafe: [
    { character: "i", atBreak: true, after: "mport\\b" },
    { character: "e", atBreak: true, after: "xport\\b" },
  ],
  handlers: { inlineMath: tableSafeInlineMath },
};

const baseInlineMath = mathToMarkdown().handlers?.["inlineMath"];

/** In a table cell a raw `|` would end the cell: escape it (the site's remark-table-math undoes it). */
function tableSafeInlineMath(...args: Parameters<NonNullable<typeof baseInlineMath>>): string {
  const [node, , state] = args;
  const out = baseInlineMath ? baseInlineMath(...args) : `$${(node as { value: string }).value}$`;
  return state.stack.includes("tableCell") ? out.replace(/\|/g, "\\|") : out;
}
tableSafeInlineMath.peek = () => "$";

const serializer = unified().use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkStringify, STRINGIFY);

/** Serialise an mdast tree (with MDX JSX nodes) to MDX text. */
export function serializeMdx(tree: Root): string {
  return serializer.stringify(tree);
}
