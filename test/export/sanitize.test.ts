/** The sanitiser keeps Plot's SVG and drops everything that could run or fetch. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sanitizeHtml } from "../../src/export/sanitize";

const clean = (html: string) => sanitizeHtml(html, { idPrefix: "p" });

describe("sanitizeHtml", () => {
  it("keeps an Observable Plot figure (minus its <style>)", () => {
    const nb = JSON.parse(readFileSync("test/fixtures/export/input/91-outputs.ipynb", "utf8"));
    const cell = nb.cells.find((c: { outputs?: { data?: Record<string, string[]> }[] }) => c.outputs?.[0]?.data?.["image/svg+xml"]);
    const svg = cell.outputs[0].data["image/svg+xml"].join("");
    const { html, removed } = clean(svg);
    assert.deepEqual(removed, []); // its <style> goes silently: site CSS replaces it
    const count = (s: string, tag: string) => (s.match(new RegExp(`<${tag}[ >]`, "g")) ?? []).length;
    for (const tag of ["g", "path", "line", "text", "circle"]) assert.equal(count(html, tag), count(svg, tag), tag);
    assert.match(html, /viewBox="0 0 480 240"/);
    assert.match(html, /fill="currentColor"/);
    assert.doesNotMatch(html, /<style/);
  });

  const attacks: [string, RegExp][] = [
    ["<script>alert(1)</script><p>ok</p>", /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['<svg onload="alert(1)"><circle r="1"/></svg>', /onload/i],
    ["<svg><foreignObject><div>x</div></foreignObject></svg>", /foreignObject|<div/i],
    ['<svg><use href="https://evil.example/s.svg#a"/></svg>', /evil\.example/],
    ['<svg><use xlink:href="//evil.example/s.svg#a"/></svg>', /evil\.example/],
    ['<p style="background:url(https://evil.example/x.png)">x</p>', /evil\.example/],
    ['<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ['<img src="//evil.example/x.png">', /evil\.example/],
    ["<style>@import url(https://evil.example/x.css)</style>", /evil|@import/],
    ['<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', /javascript:/],
    ['<form action="https://evil.example"><input name="q"></form>', /evil|<form/],
    ['<object data="x.swf"></object><embed src="x">', /<object|<embed/],
  ];
  for (const [input, forbidden] of attacks) {
    it(`removes ${input}`, () => assert.doesNotMatch(clean(input).html, forbidden));
  }

  it("prefixes ids and the url(#…) and href=#… references to them", () => {
    const { html } = clean('<svg><defs><clipPath id="c"><rect/></clipPath></defs><g clip-path="url(#c)"><use href="#c"/></g></svg>');
    assert.match(html, /id="p-c"/);
    assert.match(html, /clip-path="url\(#p-c\)"/);
    assert.match(html, /href="#p-c"/);
  });

  it("keeps inline data: images, drops fetched ones", () => {
    assert.match(clean('<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">').html, /<img src="data:image\/png/);
    assert.match(clean('<img src="a.png" alt="그림">').html, /\[이미지: 그림\]/);
  });
});
