import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  defaultStep,
  derivative,
  differenceQuotient,
  directionalDerivative,
  gradient,
  hessian,
  jacobian,
  linearApproximation,
  partial,
  secondDerivative,
} from "../../../src/lib/calculus";
import type { Vector } from "../../../src/lib/linalg";
import { det, dot, norm, sub } from "../../../src/lib/linalg";
import { close, closeMat, closeVec } from "./helpers";

const EPS = Number.EPSILON;

describe("difference quotients", () => {
  it("default steps are √ε·max(|x|, 1) and ε^(1/3)·max(|x|, 1)", () => {
    close(defaultStep(0.5, "forward"), Math.sqrt(EPS), 0, "forward at 0.5");
    close(defaultStep(-100, "backward"), 100 * Math.sqrt(EPS), 1e-22, "backward at −100");
    close(defaultStep(3, "central"), 3 * Math.cbrt(EPS), 1e-20, "central at 3");
  });

  it("differentiate polynomials and trig functions to their analytic derivatives", () => {
    close(
      derivative((x) => x ** 3 - 2 * x, 2),
      3 * 4 - 2,
      1e-8,
      "d/dx (x³ − 2x) at 2",
    );
    close(derivative(Math.sin, Math.PI / 3), 0.5, 1e-10, "cos(π/3)");
    close(derivative(Math.cos, 1), -Math.sin(1), 1e-10, "−sin 1");
    close(derivative(Math.tan, 0.4), 1 / Math.cos(0.4) ** 2, 1e-9, "sec² 0.4");
    close(
      derivative((x) => x * x, 0, { method: "forward" }),
      0,
      1e-7,
      "forward at 0",
    );
  });

  it("exp at 1 with the default steps: near the best errors quoted from Numerical Recipes", () => {
    // facts.md: forward best ≈ 4e-9, central best ≈ 1e-12; the default steps are near-optimal.
    const e = Math.E;
    assert.ok(Math.abs(derivative(Math.exp, 1, { method: "forward" }) - e) < 1e-7);
    assert.ok(Math.abs(derivative(Math.exp, 1, { method: "backward" }) - e) < 1e-7);
    assert.ok(Math.abs(derivative(Math.exp, 1) - e) < 1e-9);
  });

  it("forward/backward error is O(h) with constant ±f''/2, central is O(h²) with constant f'''/6", () => {
    // f = exp at x = 1, so every derivative is e. Steps large enough that rounding is negligible.
    const e = Math.E;
    const err = (h: number, method: "forward" | "backward" | "central") => differenceQuotient(Math.exp, 1, h, method) - e;
    for (const h of [1e-2, 1e-3]) {
      close(err(h, "forward") / err(h / 2, "forward"), 2, 0.01, `forward ratio at h = ${h}`);
      close(err(h, "central") / err(h / 2, "central"), 4, 0.01, `central ratio at h = ${h}`);
    }
    close(err(1e-4, "forward") / 1e-4, e / 2, 1e-3, "forward constant");
    close(err(1e-4, "backward") / 1e-4, -e / 2, 1e-3, "backward constant");
    close(err(1e-3, "central") / 1e-6, e / 6, 1e-3, "central constant");
  });

  it("below the optimal step, rounding error grows again (the error is not monotone in h)", () => {
    const e = Math.E;
    const best = Math.abs(differenceQuotient(Math.exp, 1, 2e-9, "forward") - e);
    const tiny = Math.abs(differenceQuotient(Math.exp, 1, 1e-13, "forward") - e);
    assert.ok(tiny > 100 * best, `error at 1e-13 (${tiny}) should dwarf the error at 2e-9 (${best})`);
  });

  it("second derivative: f''(x) of sin is −sin x", () => {
    close(secondDerivative(Math.sin, 1), -Math.sin(1), 1e-6, "sin''(1)");
    close(
      secondDerivative((x) => x ** 4, 2),
      48,
      1e-5,
      "(x⁴)'' at 2",
    );
  });

  it("throws instead of returning NaN, naming the function and the point", () => {
    assert.throws(() => derivative(Math.log, -1), /^Error: derivative: f\(-0\.99999\d*\) returned NaN/);
    assert.throws(() => derivative(Math.sqrt, 0), /derivative: f\(-[\d.e-]+\) returned NaN/);
    assert.throws(() => derivative((x) => 1 / (x - 1e-9), 0, { method: "forward", h: 1e-9 }), /derivative: f\(1e-9\) returned Infinity/);
    assert.throws(() => derivative(Math.exp, Number.NaN), /derivative: x must be a finite number \(got NaN\)/);
    assert.throws(() => derivative(Math.exp, 1, { h: 0 }), /derivative: step h must be a finite number > 0 \(got 0\)/);
    assert.throws(() => differenceQuotient(Math.exp, 1, -1e-3), /differenceQuotient: step h must be a finite number > 0/);
    assert.throws(() => derivative(Math.exp, 1, { method: "sideways" as unknown as "central" }), /derivative: unknown method "sideways"/);
  });
});

describe("partial derivatives and gradients", () => {
  const a = 1;
  const b = 100;
  const rosenbrock = ([x, y]: Vector) => (a - x!) ** 2 + b * (y! - x! ** 2) ** 2;
  // facts.md: ∇f = (−2(a − x) − 4bx(y − x²), 2b(y − x²)).
  const rosenbrockGradient = ([x, y]: Vector) => [-2 * (a - x!) - 4 * b * x! * (y! - x! ** 2), 2 * b * (y! - x! ** 2)];

  it("∇(x² + y²) = (2x, 2y)", () => {
    closeVec(
      gradient(([x, y]) => x! ** 2 + y! ** 2, [1, -2]),
      [2, -4],
      1e-9,
    );
    close(
      partial(([x, y]) => x! * y! ** 3, [2, 3], 1),
      2 * 3 * 9,
      1e-8,
      "∂(xy³)/∂y",
    );
  });

  it("Rosenbrock gradient matches the analytic formula, and vanishes at the minimum (a, a²)", () => {
    for (const p of [
      [-1.2, 1],
      [0, 0],
      [0.5, 2],
      [2, 3],
    ]) {
      const g = rosenbrockGradient(p);
      closeVec(gradient(rosenbrock, p), g, 1e-7 * Math.max(1, norm(g)), `∇f at (${p})`);
    }
    // Central-difference truncation error (h²/6)·∂³f/∂x³ = (ε^(2/3)/6)·24bx ≈ 1.5e-8 at (1, 1).
    closeVec(gradient(rosenbrock, [a, a * a]), [0, 0], 5e-8, "∇f at the minimum");
  });

  it("Rosenbrock Hessian at (1, 1) is [[802, −400], [−400, 200]]", () => {
    closeMat(
      hessian(rosenbrock, [1, 1]),
      [
        [802, -400],
        [-400, 200],
      ],
      1e-4,
    );
  });

  it("the Hessian is also the Jacobian of the analytic gradient", () => {
    const p = [0.3, -0.7];
    closeMat(hessian(rosenbrock, p), jacobian(rosenbrockGradient, p), 1e-4);
  });

  it("directional derivative = ∇f·u with u = v/‖v‖", () => {
    const p = [-1.2, 1];
    const v = [3, 4];
    const u = [0.6, 0.8];
    const expected = dot(rosenbrockGradient(p), u);
    close(directionalDerivative(rosenbrock, p, v), expected, 1e-6 * Math.abs(expected), "D_v f");
    close(directionalDerivative(rosenbrock, p, [30, 40]), expected, 1e-6 * Math.abs(expected), "scale-invariant");
    close(directionalDerivative(rosenbrock, p, [1, 0]), partial(rosenbrock, p, 0), 1e-6, "along e₁ = ∂f/∂x");
  });

  it("rejects bad indices, zero directions and non-finite values", () => {
    assert.throws(() => partial(rosenbrock, [1, 1], 2), /^Error: partial: index 2 is out of range for a point of length 2$/);
    assert.throws(() => directionalDerivative(rosenbrock, [1, 1], [0, 0]), /directionalDerivative: direction v is the zero vector/);
    assert.throws(() => directionalDerivative(rosenbrock, [1, 1], [1]), /directionalDerivative: direction v has length 1, expected 2/);
    assert.throws(() => gradient(rosenbrock, []), /gradient: point x is empty/);
    assert.throws(() => gradient(([x]) => Math.log(x!), [0]), /gradient: f\(\[-[\d.e-]+\]\) returned NaN/);
    assert.throws(() => hessian(() => Number.NaN, [1]), /hessian: f\(\[[\d.e-]+\]\) returned NaN/);
  });
});

describe("jacobian and linear approximation", () => {
  const polar = ([r, t]: Vector) => [r! * Math.cos(t!), r! * Math.sin(t!)];
  const spherical = ([r, phi, theta]: Vector) => [
    r! * Math.sin(phi!) * Math.cos(theta!),
    r! * Math.sin(phi!) * Math.sin(theta!),
    r! * Math.cos(phi!),
  ];

  it("polar → Cartesian: J = [[cos θ, −r sin θ], [sin θ, r cos θ]] and det J = r", () => {
    const [r, t] = [2, 0.7];
    const J = jacobian(polar, [r, t]);
    closeMat(
      J,
      [
        [Math.cos(t), -r * Math.sin(t)],
        [Math.sin(t), r * Math.cos(t)],
      ],
      1e-9,
    );
    close(det(J), r, 1e-8, "det J");
  });

  it("spherical → Cartesian: det J = r² sin φ", () => {
    for (const [r, phi, theta] of [
      [1.5, 0.6, 1.1],
      [0.7, 2.5, -2],
    ]) {
      close(det(jacobian(spherical, [r!, phi!, theta!])), r! ** 2 * Math.sin(phi!), 1e-8, `det J at r=${r}, φ=${phi}`);
    }
  });

  it("forward and backward Jacobians are O(h) accurate, central better", () => {
    const p = [2, 0.7];
    const exact = [
      [Math.cos(0.7), -2 * Math.sin(0.7)],
      [Math.sin(0.7), 2 * Math.cos(0.7)],
    ];
    closeMat(jacobian(polar, p, { method: "forward" }), exact, 1e-6);
    closeMat(jacobian(polar, p, { method: "backward" }), exact, 1e-6);
  });

  it("M(x) = F(x₀) + J(x₀)(x − x₀) agrees at x₀ and its error is second order", () => {
    const x0 = [2, 0.7];
    const M = linearApproximation(polar, x0);
    closeVec(M.evaluate(x0), polar(x0), 1e-15);
    const d = [0.01, -0.02];
    const error = (s: number) =>
      norm(sub(polar([x0[0]! + s * d[0]!, x0[1]! + s * d[1]!]), M.evaluate([x0[0]! + s * d[0]!, x0[1]! + s * d[1]!])));
    close(error(1) / error(0.5), 4, 0.05, "halving the step quarters the error");
  });

  it("for a linear map, M is exact", () => {
    const A = [
      [1, 2],
      [3, -1],
      [0, 4],
    ];
    const F = ([x, y]: Vector) => A.map((row) => row[0]! * x! + row[1]! * y! + 5);
    const M = linearApproximation(F, [1, 1]);
    closeMat(M.jacobian, A, 1e-9);
    closeVec(M.evaluate([10, -7]), F([10, -7]), 1e-7);
  });

  it("rejects inconsistent or non-finite outputs", () => {
    let calls = 0;
    const shrinking = (x: Vector) => (calls++ === 0 ? [x[0]!, 1] : [x[0]!]);
    assert.throws(() => jacobian(shrinking, [1]), /^Error: jacobian: F\(\[[\d.e-]+\]\) returned length 1, but F\(x\) has length 2$/);
    assert.throws(() => jacobian(([x]) => [Math.sqrt(x!)], [0]), /jacobian: F\(\[-[\d.e-]+\]\)\[0\] is NaN/);
    assert.throws(() => jacobian(() => [], [0]), /jacobian: F\(\[0\]\) must return a non-empty array/);
    assert.throws(() => linearApproximation(polar, [1, 2]).evaluate([1]), /linearApproximation: point x has length 1, expected 2/);
  });
});
