/**
 * The only JSX the exporter writes: a fixed set of components (rendered by
 * src/components/notebook/*) whose props are string literals. Notebook text
 * reaches them as attribute values, which MDX treats as data.
 */
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { BlockContent, PhrasingContent } from "mdast";

/** Components that generated MDX may use; the site passes exactly these to `<Content components>`. */
export const COMPONENT_NAMES = [
  "Figure", // sanitised inline SVG output (Plot figures)
  "HtmlOutput", // sanitised text/html output
  "RawHtml", // sanitised raw HTML from a Markdown cell (prop `inline` for phrasing)
  "Stream", // stdout/stderr/text/plain, ANSI colours converted to escaped spans
  "NbError", // an error output with its traceback
  "NbImage", // an image asset written by the exporter
  "Notice", // a visible note: truncated output, removed content
  "Collapse", // hide-input / hide-output: <details>
  "Cell", // a code cell: input and outputs
  "Outputs", // the outputs of a code cell
  "Interactive", // an interactive figure registered in src/components/interactive
] as const;

export type ComponentName = (typeof COMPONENT_NAMES)[number];

export type Props = Record<string, string | undefined>;

function attributes(props: Props) {
  return Object.entries(props)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ({ type: "mdxJsxAttribute" as const, name, value }));
}

/** A block-level component: `<Name prop="…">children</Name>`. */
export function flow(name: ComponentName, props: Props, children: BlockContent[] = []): MdxJsxFlowElement {
  return { type: "mdxJsxFlowElement", name, attributes: attributes(props), children };
}

/** An inline component inside a paragraph, heading or table cell. */
export function text(name: ComponentName, props: Props, children: PhrasingContent[] = []): MdxJsxTextElement {
  return { type: "mdxJsxTextElement", name, attributes: attributes(props), children };
}
