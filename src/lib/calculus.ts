/**
 * Numerical differentiation: difference quotients, partial derivatives, gradients, directional
 * derivatives, Jacobians, Hessians and the linear approximation M(x) = F(x₀) + J(x₀)(x − x₀).
 * Symbolic derivatives (via mathjs) live in `./symbolic`, which imports this module (not the reverse,
 * so numerical code never loads mathjs).
 *
 * Step sizes balance truncation error against rounding error (Numerical Recipes, 2nd ed., §5.7): a
 * forward difference has truncation error (h/2)·f''(ξ) and rounding error ≈ ε·|f|/h, minimised near
 * h = √ε; a central difference has (h²/6)·f'''(ξ) against ε·|f|/h, minimised near h = ε^(1/3).
 * Both are scaled by max(|x|, 1) so the step stays meaningful for large x and does not vanish at x = 0.
 *
 * Every function value is checked: a NaN or ±∞ from f throws, naming the point where it happened.
 */
import { checkFinite, checkPositive, checkVector, formatNumber } from "./check";
import type { ReadonlyVector } from "./check";
import type { Matrix, Vector } from "./linalg";

/** f: ℝ → ℝ. */
export type ScalarFunction = (x: number) => number;
/** f: ℝⁿ → ℝ. */
export type MultivariateFunction = (x: Vector) => number;
/** F: ℝⁿ → ℝᵐ. */
export type VectorFunction = (x: Vector) => Vector;

/** Which difference quotient to use. */
export type DifferenceMethod = "forward" | "backward" | "central";

/** Options of the numerical derivatives. */
export interface DifferenceOptions {
  /** Default `"central"`. */
  method?: DifferenceMethod;
  /** Step size h > 0; default {@link defaultStep} at the point. */
  h?: number;
}

/**
 * The default step: √ε·max(|x|, 1) for forward/backward differences, ε^(1/3)·max(|x|, 1) for central
 * (ε = Number.EPSILON ≈ 2.22e-16, so about 1.49e-8 and 6.06e-6 at |x| ≤ 1).
 */
export function defaultStep(x: number, method: DifferenceMethod = "central"): number {
  checkFinite("defaultStep", "x", x);
  const base = method === "central" ? Math.cbrt(Number.EPSILON) : Math.sqrt(Number.EPSILON);
  return base * Math.max(Math.abs(x), 1);
}

function evaluate(fn: string, f: ScalarFunction, x: number): number {
  const y = f(x);
  if (typeof y !== "number" || !Number.isFinite(y)) {
    throw new Error(`${fn}: f(${formatNumber(x)}) returned ${String(y)}; the function must be finite near the point`);
  }
  return y;
}

function evaluateAt(fn: string, f: MultivariateFunction, p: Vector): number {
  const y = f(p);
  if (typeof y !== "number" || !Number.isFinite(y)) {
    throw new Error(`${fn}: f([${p.map(formatNumber).join(", ")}]) returned ${String(y)}; the function must be finite near the point`);
  }
  return y;
}

/** The three quotients; `fn` names the public caller in error messages. */
function quotient(fn: string, f: ScalarFunction, x: number, h: number, method: DifferenceMethod): number {
  checkFinite(fn, "x", x);
  checkPositive(fn, "step h", h);
  switch (method) {
    case "forward":
      return (evaluate(fn, f, x + h) - evaluate(fn, f, x)) / h;
    case "backward":
      return (evaluate(fn, f, x) - evaluate(fn, f, x - h)) / h;
    case "central":
      return (evaluate(fn, f, x + h) - evaluate(fn, f, x - h)) / (2 * h);
    default:
      throw new Error(`${fn}: unknown method ${JSON.stringify(method)} (use "forward", "backward" or "central")`);
  }
}

/**
 * The difference quotient with an explicit step h > 0:
 * forward (f(x+h) − f(x))/h, backward (f(x) − f(x−h))/h, central (f(x+h) − f(x−h))/(2h).
 */
export function differenceQuotient(f: ScalarFunction, x: number, h: number, method: DifferenceMethod = "central"): number {
  return quotient("differenceQuotient", f, x, h, method);
}

/**
 * f'(x) by a difference quotient (default central). With no `h`, the default step is rounded so that
 * x + h is exactly representable (h = (x + h) − x, Numerical Recipes §5.7), removing one rounding error.
 */
export function derivative(f: ScalarFunction, x: number, options: DifferenceOptions = {}): number {
  const method = options.method ?? "central";
  checkFinite("derivative", "x", x);
  const h = options.h ?? x + defaultStep(x, method) - x;
  return quotient("derivative", f, x, h, method);
}

/** f''(x) ≈ (f(x+h) − 2f(x) + f(x−h))/h², error O(h²); default h = ε^(1/4)·max(|x|, 1). */
export function secondDerivative(f: ScalarFunction, x: number, h?: number): number {
  const fn = "secondDerivative";
  checkFinite(fn, "x", x);
  const step = h ?? Math.sqrt(Math.sqrt(Number.EPSILON)) * Math.max(Math.abs(x), 1);
  checkPositive(fn, "step h", step);
  return (evaluate(fn, f, x + step) - 2 * evaluate(fn, f, x) + evaluate(fn, f, x - step)) / (step * step);
}

/** Restricts f to the line through x in direction d: t ↦ f(x + t·d), checking the value is finite. */
function along(fn: string, f: MultivariateFunction, x: ReadonlyVector, d: ReadonlyVector): ScalarFunction {
  return (t) =>
    evaluateAt(
      fn,
      f,
      x.map((xi, i) => xi + t * d[i]!),
    );
}

function partialIn(fn: string, f: MultivariateFunction, x: ReadonlyVector, i: number, options: DifferenceOptions): number {
  const e = x.map((_, j) => (j === i ? 1 : 0));
  const method = options.method ?? "central";
  const h = options.h ?? defaultStep(x[i]!, method);
  return quotient(fn, along(fn, f, x, e), 0, h, method);
}

/** ∂f/∂xᵢ at x: the derivative of t ↦ f(x + t·eᵢ) at t = 0, the default step scaled by max(|xᵢ|, 1). */
export function partial(f: MultivariateFunction, x: ReadonlyVector, i: number, options: DifferenceOptions = {}): number {
  const n = checkVector("partial", "point x", x);
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`partial: index ${i} is out of range for a point of length ${n}`);
  return partialIn("partial", f, x, i, options);
}

/** ∇f(x) = (∂f/∂x₁, …, ∂f/∂xₙ), each by a difference quotient along eᵢ. */
export function gradient(f: MultivariateFunction, x: ReadonlyVector, options: DifferenceOptions = {}): Vector {
  checkVector("gradient", "point x", x);
  return x.map((_, i) => partialIn("gradient", f, x, i, options));
}

/**
 * D_u f(x) = d/dt f(x + t·u) at t = 0 with u = v/‖v‖ (the definition, not ∇f·u, so the two can be
 * compared). Throws for v = 0, which has no direction.
 */
export function directionalDerivative(
  f: MultivariateFunction,
  x: ReadonlyVector,
  v: ReadonlyVector,
  options: DifferenceOptions = {},
): number {
  const n = checkVector("directionalDerivative", "point x", x);
  checkVector("directionalDerivative", "direction v", v, n);
  const length = Math.hypot(...v);
  if (length === 0) throw new Error("directionalDerivative: direction v is the zero vector");
  const u = v.map((vi) => vi / length);
  const method = options.method ?? "central";
  const h = options.h ?? defaultStep(Math.max(...x.map(Math.abs)), method);
  return quotient("directionalDerivative", along("directionalDerivative", f, x, u), 0, h, method);
}

function evaluateVector(fn: string, F: VectorFunction, p: Vector, m?: number): Vector {
  const y = F(p);
  const where = `F([${p.map(formatNumber).join(", ")}])`;
  if (!Array.isArray(y) || y.length === 0) throw new Error(`${fn}: ${where} must return a non-empty array`);
  if (m !== undefined && y.length !== m) throw new Error(`${fn}: ${where} returned length ${y.length}, but F(x) has length ${m}`);
  y.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: ${where}[${i}] is ${String(v)}`);
  });
  return y.slice(); // F may reuse its output array between calls
}

/**
 * The Jacobian J(x) of F: ℝⁿ → ℝᵐ, the m×n matrix Jᵢⱼ = ∂Fᵢ/∂xⱼ, column j by a difference quotient
 * along eⱼ (default central).
 */
export function jacobian(F: VectorFunction, x: ReadonlyVector, options: DifferenceOptions = {}): Matrix {
  const fn = "jacobian";
  const n = checkVector(fn, "point x", x);
  const method = options.method ?? "central";
  if (method !== "forward" && method !== "backward" && method !== "central") {
    throw new Error(`${fn}: unknown method ${JSON.stringify(method)} (use "forward", "backward" or "central")`);
  }
  const F0 = evaluateVector(fn, F, x.slice());
  const m = F0.length;
  const J: Matrix = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const h = options.h ?? defaultStep(x[j]!, method);
    checkPositive(fn, "step h", h);
    const shifted = (t: number): Vector =>
      evaluateVector(
        fn,
        F,
        x.map((xi, k) => (k === j ? xi + t : xi)),
        m,
      );
    const plus = method === "backward" ? F0 : shifted(h);
    const minus = method === "forward" ? F0 : shifted(-h);
    const width = method === "central" ? 2 * h : h;
    for (let i = 0; i < m; i++) J[i]![j] = (plus[i]! - minus[i]!) / width;
  }
  return J;
}

/**
 * The Hessian Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ by the four-point central formula
 * [f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ)]/(4hᵢhⱼ),
 * error O(h²), with hᵢ = ε^(1/4)·max(|xᵢ|, 1). The result is symmetrised.
 */
export function hessian(f: MultivariateFunction, x: ReadonlyVector): Matrix {
  const n = checkVector("hessian", "point x", x);
  const hs = x.map((xi) => Math.sqrt(Math.sqrt(Number.EPSILON)) * Math.max(Math.abs(xi), 1));
  const at = (di: number, i: number, dj: number, j: number): number => {
    const p = x.slice();
    p[i]! += di * hs[i]!;
    p[j]! += dj * hs[j]!;
    return evaluateAt("hessian", f, p);
  };
  const H: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (at(1, i, 1, j) - at(1, i, -1, j) - at(-1, i, 1, j) + at(-1, i, -1, j)) / (4 * hs[i]! * hs[j]!);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/** The best linear approximation of F near x₀. */
export interface LinearApproximation {
  /** The expansion point x₀. */
  x0: Vector;
  /** F(x₀). */
  value: Vector;
  /** J(x₀), the m×n Jacobian (the derivative as a linear map). */
  jacobian: Matrix;
  /** M(x) = F(x₀) + J(x₀)(x − x₀). */
  evaluate(x: ReadonlyVector): Vector;
}

/** Builds M(x) = F(x₀) + J(x₀)(x − x₀), the multivariable tangent "line" of F at x₀. */
export function linearApproximation(F: VectorFunction, x0: ReadonlyVector, options: DifferenceOptions = {}): LinearApproximation {
  const n = checkVector("linearApproximation", "point x0", x0);
  const value = evaluateVector("linearApproximation", F, x0.slice());
  const J = jacobian(F, x0, options);
  return {
    x0: x0.slice(),
    value,
    jacobian: J,
    evaluate(x: ReadonlyVector): Vector {
      checkVector("linearApproximation", "point x", x, n);
      return value.map((v, i) => v + J[i]!.reduce((s, Jij, j) => s + Jij * (x[j]! - x0[j]!), 0));
    },
  };
}
