/**
 * The tslab patch lets a kernel skip loading TypeScript when a cell has no JSDoc comment before its
 * first token (`dist/metadata.js`, hasLeadingJSDoc). That shortcut must give what tslab's own
 * TypeScript-scanner reading gives, for every cell we have and for the tricky starts.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type * as TS from "typescript";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const require = createRequire(join(root, "package.json"));
const patched = require("tslab/dist/metadata.js") as { getCodeMetadata(src: string): Record<string, unknown> };
const ts = require("@tslab/typescript-for-tslab") as typeof TS;

/** tslab 1.0.22's getCodeMetadata, unpatched: the oracle. */
function original(src: string): Record<string, unknown> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false);
  scanner.setLanguageVariant(ts.LanguageVariant.Standard);
  scanner.setText(src);
  const out: Record<string, unknown> = {};
  for (;;) {
    const kind = scanner.scan();
    if (kind < ts.SyntaxKind.FirstTriviaToken || kind > ts.SyntaxKind.LastTriviaToken) break;
    if (kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const parsed = (
      ts as unknown as { parseIsolatedJSDocComment(t: string): { jsDoc?: TS.JSDoc; diagnostics?: unknown[] } | undefined }
    ).parseIsolatedJSDocComment(scanner.getTokenText());
    if (!parsed || parsed.diagnostics?.length || !parsed.jsDoc?.tags) continue;
    for (const tag of parsed.jsDoc.tags) {
      const name = tag.tagName.escapedText;
      if (name === "module" && typeof tag.comment === "string" && /^\w+$/.test(tag.comment)) out["module"] = tag.comment;
      else if (name === "jsx") out["jsx"] = true;
      else if (name === "node") out["mode"] = "node";
      else if (name === "browser") out["mode"] = "browser";
    }
  }
  return out;
}

function cellsOf(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .flatMap((f) => {
      try {
        const nb = JSON.parse(readFileSync(join(dir, f), "utf8")) as { cells?: { cell_type: string; source: string | string[] }[] };
        return (nb.cells ?? []).filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
      } catch {
        return [];
      }
    });
}

const tricky = [
  "",
  "x",
  "// a\nx",
  "/** @module foo */\nx",
  "/* a */ /** @browser */ x",
  "let a = 1; /** @module x */",
  "  \n/**\n * @jsx\n */\nx",
  "/* unterminated",
  "/** unterminated",
  "#!/usr/bin/env node\n/** @module a */",
  "// only a comment",
  "/** plain doc */ function f() {}",
  "\u00a0/** @node */ x",
  "\u200b/** @module z */ x",
  "\u0085/** @module z */ x",
  "\ufeff/** @module bom */",
  "<<<<<<< HEAD\n/** @module q */",
  "/regex/.test('a')",
  "@decorator class A {}",
  "é /** @module q */",
  "/**/ /** @module after-empty */",
  "/***/ x",
  "// line\r\n/** @node */",
];

describe("tslab patch: metadata without TypeScript", () => {
  it("agrees with tslab's scanner-based reading on every notebook cell and the tricky starts", () => {
    const sources = [
      ...tricky,
      ...cellsOf(join(root, "notebooks")),
      ...cellsOf(join(root, "test", "fixtures", "runner")),
      ...cellsOf(join(root, "test", "fixtures", "export", "input")),
    ];
    assert.ok(sources.length > 100, `only ${sources.length} sources`);
    for (const src of sources) assert.deepEqual(patched.getCodeMetadata(src), original(src), JSON.stringify(src.slice(0, 80)));
  });
});
