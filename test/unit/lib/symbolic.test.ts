import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareDerivatives, symbolicDerivative } from "../../../src/lib/symbolic";
import { close } from "./helpers";

describe("symbolicDerivative", () => {
  it("d/dx (x² + sin x) = 2x + cos x", () => {
    const { f, derivative } = symbolicDerivative("x^2 + sin(x)", "x");
    assert.equal(derivative.text, "2 * x + cos(x)");
    assert.match(derivative.tex, /\\cos/);
    for (const x of [-2, 0, 0.5, 3]) {
      close(derivative.evaluate({ x }), 2 * x + Math.cos(x), 1e-14, `f'(${x})`);
      close(f.evaluate({ x }), x * x + Math.sin(x), 1e-14, `f(${x})`);
    }
  });

  it("partial derivatives treat the other variables as constants", () => {
    const dy = symbolicDerivative("x^2 * y + exp(y)", "y").derivative;
    close(dy.evaluate({ x: 3, y: 0 }), 9 + 1, 1e-14, "∂/∂y at (3, 0)");
  });

  it("agrees with the central difference to the accuracy the step predicts", () => {
    const rows = compareDerivatives("exp(x) * cos(x)", "x", [0, 1, 2]);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      close(row.symbolic, Math.exp(row.x) * (Math.cos(row.x) - Math.sin(row.x)), 1e-12, "symbolic");
      assert.ok(row.absError < 1e-8, `|numeric − symbolic| = ${row.absError} at x = ${row.x}`);
      assert.equal(row.absError, Math.abs(row.numeric - row.symbolic));
    }
    const withScope = compareDerivatives("a * x^3", "x", [2], { scope: { a: 0.5 } });
    close(withScope[0]!.symbolic, 0.5 * 3 * 4, 1e-14, "with scope");
  });

  it("reports parse errors, bad names and non-real results clearly", () => {
    assert.throws(() => symbolicDerivative("x^", "x"), /^Error: symbolicDerivative: cannot parse "x\^": /);
    assert.throws(() => symbolicDerivative("x", "2x"), /symbolicDerivative: variable "2x" is not a name/);
    const root = symbolicDerivative("sqrt(x)", "x").derivative;
    assert.throws(() => root.evaluate({ x: -1 }), /symbolicDerivative: .* is not a real number at x = -1/);
    assert.throws(() => root.evaluate({ x: 0 }), /symbolicDerivative: .* is Infinity at x = 0/);
    assert.throws(() => root.evaluate({ x: Number.NaN }), /symbolicDerivative: variable x must be a finite number/);
    assert.throws(
      () => symbolicDerivative("x + y", "x").f.evaluate({ x: 1 }),
      /symbolicDerivative: cannot evaluate x \+ y: Undefined symbol y/,
    );
  });
});
