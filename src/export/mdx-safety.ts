/**
 * The last line of defence: parse the generated MDX the way the site will and
 * prove it contains no code. Any ESM (`import`/`export`), any `{expression}`,
 * any JSX element outside COMPONENT_NAMES or any non-literal attribute means
 * the exporter has a bug, and the export fails before Astro compiles the file.
 */
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { COMPONENT_NAMES } from "./mdx-nodes";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);
const allowed = new Set<string>(COMPONENT_NAMES);

/** Problems found in MDX text (empty when it is data only). */
export function mdxCodeProblems(mdx: string): string[] {
  const problems: string[] = [];
  let tree;
  try {
    tree = parser.parse(mdx);
  } catch (err) {
    return [`generated MDX does not parse: ${err instanceof Error ? err.message : String(err)}`];
  }
  visit(tree, (node) => {
    const line = node.position?.start.line ?? "?";
    switch (node.type) {
      case "mdxjsEsm":
      case "mdxFlowExpression":
      case "mdxTextExpression":
        problems.push(`line ${line}: ${node.type} ${JSON.stringify(node.value.slice(0, 60))}`);
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        if (node.name === null || !allowed.has(node.name)) problems.push(`line ${line}: JSX element <${node.name ?? ""}>`);
        for (const attr of node.attributes) {
          if (attr.type !== "mdxJsxAttribute" || (attr.value !== null && attr.value !== undefined && typeof attr.value !== "string")) {
            problems.push(`line ${line}: non-literal attribute on <${node.name ?? ""}>`);
          }
        }
        break;
      default:
    }
  });
  return problems;
}
