import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Plot from "@observablehq/plot";
import { displayPlot, show } from "../../../src/lib/display";
import { normalizeIds, renderPlot } from "../../../src/lib/plot";
import type { FigureOptions } from "../../../src/lib/plot";

/**
 * A minimal well-formedness check for the XML we emit: balanced tags, quoted attributes with no raw
 * `<` or `&`, and only the five XML entities or numeric references in text.
 */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(xml)) !== null) {
    consumed = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = match;
    const content = text ?? attrs ?? "";
    for (const amp of content.matchAll(/&([^;]*);?/g)) {
      assert.match(amp[0], /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i, `bad entity ${amp[0]}`);
    }
    if (text !== undefined) continue;
    if (close) assert.equal(stack.pop(), name, `mismatched </${name}>`);
    else if (!selfClose) stack.push(name!);
  }
  assert.equal(consumed, xml.length, `unparseable XML at ${consumed}: ${xml.slice(consumed, consumed + 60)}`);
  assert.deepEqual(stack, [], "unclosed elements");
}

const options = (): FigureOptions => ({
  title: "Sine & cosine < 1",
  description: 'Two curves on [0, 2π]; sin is solid, cos is "dashed".',
  marks: [
    Plot.lineY([0, 1, 0, -1, 0], { clip: true }),
    Plot.lineY([1, 0, -1, 0, 1], { strokeDasharray: "4 2", clip: true }),
    Plot.ruleY([0]),
  ],
});

describe("renderPlot", () => {
  it("puts the title and description in <title>, <desc>, aria-label and aria-description", () => {
    const svg = renderPlot(options());
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /^<svg [^>]*aria-label="Sine &amp; cosine &lt; 1"/);
    assert.match(svg, /^<svg [^>]*aria-description="Two curves on \[0, 2π\]; sin is solid, cos is &quot;dashed&quot;\."/);
    assert.match(
      svg,
      /^<svg [^>]*><title>Sine &amp; cosine &lt; 1<\/title><desc>Two curves on \[0, 2π\]; sin is solid, cos is "dashed"\.<\/desc>/,
    );
  });

  it("emits well-formed XML (linkedom's outerHTML would not escape & in attributes)", () => {
    assertWellFormedXml(renderPlot(options()));
  });

  it("inks with currentColor and hard-codes no black or white", () => {
    const svg = renderPlot(options());
    assert.match(svg, /^<svg [^>]*fill="currentColor"/);
    assert.match(svg, /stroke="currentColor"/);
    assert.doesNotMatch(svg, /(fill|stroke|color)="(black|white|#000|#000000|#fff|#ffffff)"/i);
  });

  it("is deterministic: byte-identical output whatever was rendered before", () => {
    const first = renderPlot(options());
    renderPlot({ title: "other", description: "other", marks: [Plot.dot([[1, 2]], { clip: true })] });
    const second = renderPlot(options());
    assert.equal(second, first);
    // Plot's own ids come from a global counter (plot-clip-N); ours are renumbered per figure.
    assert.doesNotMatch(first, /plot-clip-\d/);
    const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 1, "the clipped marks define a clip path");
    for (const id of ids) assert.match(first, new RegExp(`url\\(#${id}\\)`), `id ${id} is referenced`);
  });

  it("gives different figures different id prefixes, so they can share a page", () => {
    const a = renderPlot(options());
    const b = renderPlot({ ...options(), title: "Another figure" });
    const prefix = (svg: string) => /\sid="(plot-[0-9a-f]{8})-1"/.exec(svg)?.[1];
    assert.ok(prefix(a) && prefix(b));
    assert.notEqual(prefix(a), prefix(b));
  });

  it("normalizeIds renames definitions and references together and leaves colours alone", () => {
    const input = '<svg><clipPath id="plot-clip-7"/><g clip-path="url(#plot-clip-7)" fill="#ff0000"/><use href="#plot-clip-7"/></svg>';
    const out = normalizeIds(input);
    const id = /id="([^"]+)"/.exec(out)![1]!;
    assert.match(id, /^plot-[0-9a-f]{8}-1$/);
    assert.equal(out, input.replaceAll("plot-clip-7", id));
    assert.equal(normalizeIds(input.replaceAll("plot-clip-7", "plot-clip-99")), out);
  });

  it("requires a title and a description, and refuses legends", () => {
    assert.throws(() => renderPlot({ ...options(), title: " " }), /^Error: renderPlot: title is required/);
    assert.throws(() => renderPlot({ ...options(), description: "" }), /^Error: renderPlot: description is required/);
    assert.throws(
      () => renderPlot({ ...options(), color: { legend: true }, marks: [Plot.dot([{ x: 1, c: "a" }], { x: "x", fill: "c" })] }),
      /renderPlot: Plot produced an HTML <figure> instead of an SVG \(a legend was requested\)/,
    );
  });
});

describe("show and displayPlot", () => {
  const recorder = () => {
    const shown: [string, string][] = [];
    return { shown, sink: { svg: (s: string) => void shown.push(["svg", s]), html: (s: string) => void shown.push(["html", s]) } };
  };

  it("send the SVG to the display sink as image/svg+xml and return nothing", () => {
    const { shown, sink } = recorder();
    const svg = renderPlot(options());
    assert.equal(show(svg, { sink }), undefined);
    assert.equal(displayPlot(options(), { sink }), undefined);
    assert.deepEqual(shown, [
      ["svg", svg],
      ["svg", svg],
    ]);
  });

  it("inline: true sends it as HTML, so currentColor follows the notebook theme", () => {
    const { shown, sink } = recorder();
    displayPlot(options(), { sink, inline: true });
    assert.deepEqual(shown, [["html", renderPlot(options())]]);
  });

  it("show rejects strings that are not SVG", () => {
    const { shown, sink } = recorder();
    assert.throws(() => show("<div></div>", { sink }), /^Error: show: expected an SVG string/);
    assert.deepEqual(shown, []);
  });
});
