/**
 * Sanitise HTML and SVG from notebook outputs and raw HTML in Markdown cells.
 *
 * Extends GitHub's schema (hast-util-sanitize's default) with the SVG that
 * Observable Plot emits. Never allowed: `script`, `style` (Plot's scoped rules
 * are replaced by site CSS, so a figure cannot load fonts or images from
 * elsewhere), `foreignObject`, event handlers, `javascript:` URLs, and any
 * resource URL that would make the page request something: images keep only
 * inline `data:image/…` sources, `<use>` only same-document `#id` references.
 */
import type { Element, Root, Properties } from "hast";
import { fromHtml } from "hast-util-from-html";
import { defaultSchema, sanitize, type Schema } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";

const SVG_TAGS = [
  "svg",
  "g",
  "path",
  "line",
  "polyline",
  "polygon",
  "rect",
  "circle",
  "ellipse",
  "text",
  "tspan",
  "title",
  "desc",
  "defs",
  "clipPath",
  "mask",
  "marker",
  "use",
  "symbol",
  "linearGradient",
  "radialGradient",
  "stop",
  "pattern",
];

/** hast property names (property-information's), shared by all SVG elements. */
const SVG_PROPERTIES = [
  "viewBox",
  "width",
  "height",
  "x",
  "y",
  "x1",
  "x2",
  "y1",
  "y2",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "d",
  "points",
  "transform",
  "fill",
  "fillOpacity",
  "fillRule",
  "stroke",
  "strokeWidth",
  "strokeOpacity",
  "strokeLineCap",
  "strokeLineJoin",
  "strokeMiterLimit",
  "strokeDashArray",
  "strokeDashOffset",
  "opacity",
  "textAnchor",
  "dominantBaseline",
  "alignmentBaseline",
  "fontFamily",
  "fontSize",
  "fontWeight",
  "fontStyle",
  "fontVariant",
  "letterSpacing",
  "dx",
  "dy",
  "paintOrder",
  "clipPath",
  "clipRule",
  "clipPathUnits",
  "mask",
  "markerStart",
  "markerMid",
  "markerEnd",
  "markerWidth",
  "markerHeight",
  "markerUnits",
  "refX",
  "refY",
  "orient",
  "preserveAspectRatio",
  "gradientUnits",
  "gradientTransform",
  "offset",
  "stopColor",
  "stopOpacity",
  "fx",
  "fy",
  "patternUnits",
  "patternTransform",
  "vectorEffect",
  "shapeRendering",
  "textRendering",
  "xmlns",
  "xmlnsXLink",
  "xLinkHref",
  "href",
  "role",
  "ariaLabel",
  "ariaHidden",
  "ariaDescription",
  "ariaRoleDescription",
  "visibility",
  "display",
  "textLength",
  "lengthAdjust",
  "baselineShift",
  "writingMode",
  "color",
];

/** Elements removed with their content (others that are not allowed are unwrapped). */
const STRIP = ["script", "style", "foreignObject", "iframe", "object", "embed", "noscript", "template", "textarea", "select"];

const schema: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    ...SVG_TAGS,
    "caption",
    "figure",
    "figcaption",
    "colgroup",
    "col",
    "mark",
    "small",
    "u",
    "abbr",
  ],
  attributes: {
    ...defaultSchema.attributes,
    "*": [
      ...(defaultSchema.attributes?.["*"] ?? []),
      "className",
      "style",
      ...SVG_PROPERTIES.filter((p) => p !== "href" && p !== "xLinkHref"),
    ],
    a: [...(defaultSchema.attributes?.["a"] ?? []), "href"],
    use: ["href", "xLinkHref"],
    img: [...(defaultSchema.attributes?.["img"] ?? []), "src"],
  },
  // Ids are made unique per output by `prefixIds` instead (clobbering would break `url(#id)` references).
  clobber: ["name"],
  protocols: { ...defaultSchema.protocols, src: ["data"], xLinkHref: [], href: [...(defaultSchema.protocols?.["href"] ?? [])] },
  strip: STRIP,
};

export interface SanitizeResult {
  html: string;
  /** What was removed, for a warning: "<script>", "onerror=", "javascript: URL"... (deduplicated). */
  removed: string[];
}

export interface SanitizeOptions {
  /** Prefix for every `id` (and the references to it), unique on the page: e.g. "c3-o0". */
  idPrefix: string;
  /** Runs on the clean tree; may add `raw` nodes of trusted HTML (KaTeX output). */
  transform?: (tree: Root) => void;
}

/** Sanitise an HTML or SVG fragment; the result is safe to insert with `set:html`. */
export function sanitizeHtml(html: string, options: SanitizeOptions): SanitizeResult {
  const tree = fromHtml(html, { fragment: true });
  const removed = new Set<string>();
  noteUnsafe(tree, removed);
  const clean = sanitize(tree, schema) as Root;
  visit(clean, "element", (node) => {
    dropResourceUrls(node, removed);
    dropUnsafeStyle(node.properties, removed);
  });
  prefixIds(clean, options.idPrefix);
  options.transform?.(clean);
  // `raw` nodes can only come from `transform`: hast-util-sanitize drops them from the input.
  return { html: toHtml(clean, { allowDangerousHtml: true }), removed: [...removed] };
}

/** Record, for the warning, what the sanitiser is about to drop. */
function noteUnsafe(tree: Root, removed: Set<string>): void {
  const allowed = new Set(schema.tagNames);
  visit(tree, "element", (node) => {
    // <style> is dropped by design (Plot emits one per figure; site CSS replaces it): not worth a warning.
    if (!allowed.has(node.tagName) && node.tagName !== "style") removed.add(`<${node.tagName}>`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) removed.add(`${key.toLowerCase()}=`);
      if (typeof value === "string" && /^\s*(javascript|vbscript):/i.test(value)) removed.add("javascript: URL");
    }
  });
}

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

function dropResourceUrls(node: Element, removed: Set<string>): void {
  const p = node.properties;
  if (node.tagName === "img" && !DATA_IMAGE.test(String(p["src"] ?? ""))) {
    removed.add("image with an external source");
    node.tagName = "span";
    node.properties = { className: ["nb-removed-image"] };
    node.children = [{ type: "text", value: `[이미지: ${String(p["alt"] ?? "")}]` }];
  }
  for (const key of ["href", "xLinkHref"] as const) {
    const value = p[key];
    if (typeof value !== "string") continue;
    if (node.tagName === "a" && key === "href") continue; // a link is followed by the reader, not fetched
    if (!value.startsWith("#")) {
      removed.add(`${node.tagName} reference to ${value.slice(0, 40)}`);
      delete p[key];
    }
  }
}

/** Inline styles may stay (Plot uses a few) unless they could fetch or run something. */
function dropUnsafeStyle(p: Properties, removed: Set<string>): void {
  const style = p["style"];
  if (typeof style === "string" && /url\s*\(|expression\s*\(|@import|\\|javascript:/i.test(style)) {
    removed.add("style with url()");
    delete p["style"];
  }
}

const URL_REF = /url\(\s*#([^)\s]+)\s*\)/g;

/** Make ids unique per output and rewrite `url(#id)`, `href="#id"` and aria id lists to match. */
function prefixIds(tree: Root, prefix: string): void {
  const ids = new Set<string>();
  visit(tree, "element", (node) => {
    const id = node.properties["id"];
    if (typeof id === "string" || typeof id === "number") ids.add(String(id));
  });
  if (ids.size === 0) return;
  const rename = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  visit(tree, "element", (node) => {
    const p = node.properties;
    for (const [key, value] of Object.entries(p)) {
      if (key === "id" && (typeof value === "string" || typeof value === "number")) p[key] = rename(String(value));
      else if ((key === "href" || key === "xLinkHref") && typeof value === "string" && value.startsWith("#"))
        p[key] = `#${rename(value.slice(1))}`;
      else if (typeof value === "string" && value.includes("url(#"))
        p[key] = value.replace(URL_REF, (_, id: string) => `url(#${rename(id)})`);
      else if ((key === "ariaLabelledBy" || key === "ariaDescribedBy") && Array.isArray(value))
        p[key] = value.map((v) => rename(String(v)));
    }
  });
}
