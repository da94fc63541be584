/**
 * KaTeX at export time: every `$…$` and `$$…$$` is rendered once here, so an
 * invalid expression fails the export with the notebook path, cell and the
 * offending TeX, instead of a red `.katex-error` on the page. The site renders
 * the same expressions again with the same KaTeX (see rehype-math.ts).
 */
import katex from "katex";
import type { Root as MdastRoot, Nodes as MdastNodes } from "mdast";
import { visit } from "unist-util-visit";
import { ExportError, quote, type ExportWarning, type Place } from "./errors";

/** Options shared by the exporter's check and the site's renderer. `trust: false`: no \href, \includegraphics. */
export const KATEX_OPTIONS = { output: "htmlAndMathml", throwOnError: true, trust: false } as const;

/** Render TeX to HTML+MathML; throws a located `ExportError` if KaTeX cannot parse it. */
export function renderMath(tex: string, display: boolean, place: Place, warn?: (w: ExportWarning) => void): string {
  try {
    return katex.renderToString(tex, {
      ...KATEX_OPTIONS,
      displayMode: display,
      strict: (code: string, message: string) => {
        warn?.({ place, problem: `KaTeX: ${message} (${code}) in ${quote(tex)}` });
        return "ignore";
      },
    });
  } catch (err) {
    const message = err instanceof katex.ParseError ? err.rawMessage : err instanceof Error ? err.message : String(err);
    throw new ExportError(place, `invalid ${display ? "display" : "inline"} math: ${message} in ${quote(tex)}`);
  }
}

/** Check every math node in an mdast tree (the rendering is thrown away). */
export function checkMath(tree: MdastRoot | MdastNodes, place: Place, warn?: (w: ExportWarning) => void): void {
  visit(tree, (node) => {
    if (node.type === "math" || node.type === "inlineMath") renderMath(node.value, node.type === "math", place, warn);
  });
}
