/**
 * Renders an Observable Plot figure to a standalone, accessible, deterministic SVG string in Node,
 * using linkedom as the DOM. Used both by notebooks (through `./display`) and by the site at build time.
 *
 * - Accessible: a required `title` and `description` become the SVG's `<title>` and `<desc>` and its
 *   `aria-label` / `aria-description`, with `role="img"`.
 * - Theme-neutral: Plot draws axes, text and default marks in `currentColor`, so an inlined SVG takes
 *   the page's text colour in light and dark themes. Don't pass fixed black/white colours.
 * - Deterministic: Plot numbers clip-path, pattern and marker ids from a process-wide counter
 *   (`plot-clip-3`), so the same figure would serialise differently depending on what was drawn before.
 *   Ids are renumbered in document order and prefixed with a hash of the figure, which makes equal
 *   inputs byte-identical and keeps different figures' ids distinct when inlined in one page.
 *
 * This module is Node-oriented (it imports linkedom); the math modules do not depend on it.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Plot options minus the ones this renderer owns, plus the required accessible text. */
export type FigureOptions = Omit<
  Plot.PlotOptions,
  "document" | "title" | "subtitle" | "caption" | "figure" | "ariaLabel" | "ariaDescription"
> & {
  /** A short name for the figure: the SVG `<title>` and `aria-label`. */
  title: string;
  /** One or two sentences saying what the figure shows: the SVG `<desc>` and `aria-description`. */
  description: string;
};

const SVG_NS = "http://www.w3.org/2000/svg";

/** 32-bit FNV-1a hash as 8 hex digits: a stable, dependency-free fingerprint of the figure. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The parts of a DOM node the serialiser reads (satisfied by linkedom's and the browser's nodes). */
interface XmlNode {
  nodeType: number;
  nodeValue: string | null;
  localName?: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
  childNodes: ArrayLike<XmlNode>;
}

const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string): string => escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");

/**
 * Serialises as XML. linkedom's `outerHTML` follows HTML rules, which leave `&` and `<` unescaped in
 * attribute values; that is invalid in a standalone `image/svg+xml` document, so we write our own.
 */
function toXml(node: XmlNode): string {
  if (node.nodeType === 3 || node.nodeType === 4) return escapeText(node.nodeValue ?? "");
  if (node.nodeType !== 1 || node.localName === undefined) return ""; // comments and the like
  let out = `<${node.localName}`;
  for (const { name, value } of Array.from(node.attributes ?? [])) out += ` ${name}="${escapeAttribute(value)}"`;
  const children = Array.from(node.childNodes).map(toXml).join("");
  return children === "" ? `${out}/>` : `${out}>${children}</${node.localName}>`;
}

/** Renames every id defined in the SVG (and its `#id` references) to `plot-<hash>-<n>`. */
export function normalizeIds(svg: string): string {
  const ids = new Map<string, number>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, ids.size + 1);
  }
  if (ids.size === 0) return svg;
  const rename = (prefix: string): string =>
    svg.replace(/(\sid="|#)([^"\s)]+)/g, (whole, lead: string, id: string) => {
      const n = ids.get(id);
      return n === undefined ? whole : `${lead}${prefix}-${n}`;
    });
  // Hash the figure with placeholder ids so the prefix does not depend on Plot's global counters.
  return rename(`plot-${fnv1a(rename("plot-id"))}`);
}

/**
 * Renders `Plot.plot(options)` to an SVG string. Throws if the options ask for a legend, which Plot
 * renders as HTML next to the SVG: label series directly with text marks instead, and say what the
 * colours mean in `description`.
 */
export function renderPlot(options: FigureOptions): string {
  const { title, description, ...plotOptions } = options;
  for (const [name, text] of [
    ["title", title],
    ["description", description],
  ] as const) {
    if (typeof text !== "string" || text.trim() === "") {
      throw new Error(`renderPlot: ${name} is required (a non-empty string), for screen readers and search`);
    }
  }
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const figure = Plot.plot({ ...plotOptions, document, ariaLabel: title, ariaDescription: description });
  if (String(figure.tagName).toLowerCase() !== "svg") {
    throw new Error(
      "renderPlot: Plot produced an HTML <figure> instead of an SVG (a legend was requested); " +
        "label the series with text marks and describe the colours in the description",
    );
  }
  figure.setAttribute("xmlns", SVG_NS);
  figure.setAttribute("role", "img");
  const titleEl = document.createElementNS(SVG_NS, "title");
  titleEl.textContent = title;
  const descEl = document.createElementNS(SVG_NS, "desc");
  descEl.textContent = description;
  figure.insertBefore(descEl, figure.firstChild);
  figure.insertBefore(titleEl, descEl);
  return normalizeIds(toXml(figure));
}
