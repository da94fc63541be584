/**
 * The mean-squared-error loss of a linear model, J(b) = (1/2n)‖Xb − y‖², and its gradient
 * ∇J(b) = (1/n)Xᵀ(Xb − y). Shared by `./regression` (closed form, curvature) and `./descent`
 * (the optimisers), which check their inputs once and then call the unchecked inner loops here.
 *
 * The ½ makes the gradient free of a factor 2; the 1/n keeps the step size independent of n.
 */
import { checkMatrix, checkVector } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";
import type { Vector } from "./linalg";

/** Checks X (n×p), y (length n) and, if given, b (length p); returns [n, p]. */
export function checkProblem(fn: string, X: ReadonlyMatrix, y: ReadonlyVector, b?: ReadonlyVector): [number, number] {
  const [n, p] = checkMatrix(fn, "X", X);
  checkVector(fn, "y", y);
  if (y.length !== n) throw new Error(`${fn}: X has ${n} rows but y has length ${y.length}`);
  if (b !== undefined) {
    checkVector(fn, "b", b);
    if (b.length !== p) throw new Error(`${fn}: X has ${p} columns but b has length ${b.length}`);
  }
  return [n, p];
}

/** The residual Xb − y over the given rows (all rows by default), unchecked. */
export function residual(X: ReadonlyMatrix, y: ReadonlyVector, b: ReadonlyVector, rows?: readonly number[]): Vector {
  const idx = rows ?? X.map((_, i) => i);
  return idx.map((i) => {
    const row = X[i]!;
    let s = -y[i]!;
    for (let j = 0; j < b.length; j++) s += row[j]! * b[j]!;
    return s;
  });
}

/** (1/2m)‖r‖² for a residual r of m rows. */
export function lossOf(r: readonly number[]): number {
  let s = 0;
  for (const ri of r) s += ri * ri;
  return s / (2 * r.length);
}

/** (1/m)·X_Sᵀr for the rows S (all rows by default) that produced the residual r, unchecked. */
export function gradientOf(X: ReadonlyMatrix, r: readonly number[], p: number, rows?: readonly number[]): Vector {
  const g = new Array<number>(p).fill(0);
  r.forEach((ri, k) => {
    const row = X[rows ? rows[k]! : k]!;
    for (let j = 0; j < p; j++) g[j]! += row[j]! * ri;
  });
  return g.map((gj) => gj / r.length);
}

/** Predictions ŷ = Xb. */
export function predict(X: ReadonlyMatrix, b: ReadonlyVector): Vector {
  const zeros = X.map(() => 0);
  checkProblem("predict", X, zeros, b);
  return residual(X, zeros, b);
}

/** The loss J(b) = (1/2n)‖Xb − y‖². */
export function mseLoss(X: ReadonlyMatrix, y: ReadonlyVector, b: ReadonlyVector): number {
  checkProblem("mseLoss", X, y, b);
  return lossOf(residual(X, y, b));
}

/** The gradient ∇J(b) = (1/n)Xᵀ(Xb − y). */
export function mseGradient(X: ReadonlyMatrix, y: ReadonlyVector, b: ReadonlyVector): Vector {
  const [, p] = checkProblem("mseGradient", X, y, b);
  return gradientOf(X, residual(X, y, b), p);
}
