/**
 * Site-side remark plugin: inside GFM table cells the exporter writes a `|`
 * in math as `\|` (a raw one would end the cell); turn it back into `|`.
 */
import type { Root } from "mdast";
import { visit } from "unist-util-visit";

export default function remarkTableMath() {
  return (tree: Root) => {
    visit(tree, "tableCell", (cell) => {
      visit(cell, "inlineMath", (math) => {
        math.value = math.value.replace(/\\\|/g, "|");
        // remark-math also put the text in `data.hChildren`, which is what mdast-util-to-hast renders.
        if (math.data?.hChildren) math.data.hChildren = [{ type: "text", value: math.value }];
      });
    });
  };
}
