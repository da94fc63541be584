/**
 * Linear regression three ways: the closed form (least squares by QR), batch gradient descent and
 * mini-batch stochastic gradient descent, all on the loss J(b) = (1/2n)‖Xb − y‖².
 *
 * J is a quadratic with Hessian XᵀX/n, so gradient descent with step α converges iff 0 < α < 2/L,
 * L = λmax(XᵀX/n) (the Lipschitz constant of ∇J); the fastest fixed step is 2/(λmin + λmax).
 * The optimisers never hand back NaN: a non-finite or exploding loss stops the run and is reported as
 * `diverged: true` with the step at which it happened.
 */
import { checkMatrix, checkVector } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";
import { lstsqAs } from "./factor";
import { eigenvaluesSymmetric } from "./linalg";
import type { Matrix, Vector } from "./linalg";
import { checkProblem } from "./mse";

/**
 * The design matrix with an intercept column: row i is [1, xᵢ] for a vector x, or [1, xᵢ₁, …, xᵢₚ] for
 * a matrix whose rows are observations.
 */
export function designMatrix(x: ReadonlyVector | ReadonlyMatrix): Matrix {
  if (Array.isArray(x) && x.length > 0 && Array.isArray(x[0])) {
    checkMatrix("designMatrix", "features", x as ReadonlyMatrix);
    return (x as ReadonlyMatrix).map((row) => [1, ...row]);
  }
  checkVector("designMatrix", "x", x as ReadonlyVector);
  return (x as ReadonlyVector).map((xi) => [1, xi]);
}

/** The exact minimiser b = argmin ‖Xb − y‖² by Householder QR (no normal equations, no inverse). */
export function leastSquares(X: ReadonlyMatrix, y: ReadonlyVector): Vector {
  checkProblem("leastSquares", X, y);
  return lstsqAs("leastSquares", X, y);
}

/** Coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)². */
export function rSquared(y: ReadonlyVector, yHat: ReadonlyVector): number {
  const n = checkVector("rSquared", "y", y);
  checkVector("rSquared", "yHat", yHat, n);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const total = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (total === 0) throw new Error("rSquared: y is constant, so R² is undefined");
  return 1 - y.reduce((s, v, i) => s + (v - yHat[i]!) ** 2, 0) / total;
}

/** The eigenvalues of the Hessian XᵀX/n of J, and the step sizes they allow. */
export interface Curvature {
  lambdaMin: number;
  /** L = λmax(XᵀX/n), the Lipschitz constant of ∇J. */
  lambdaMax: number;
  /** κ = λmax/λmin. */
  condition: number;
  /** 2/L: gradient descent converges iff 0 < α < 2/L. */
  maxStableStep: number;
  /** 2/(λmin + λmax), the fixed step with the best worst-case rate (κ − 1)/(κ + 1). */
  optimalStep: number;
}

/** The Gram matrix XᵀX/n (the Hessian of J). */
export function hessianOfLoss(X: ReadonlyMatrix): Matrix {
  const [n, p] = checkMatrix("hessianOfLoss", "X", X);
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => X.reduce((s, row) => s + row[i]! * row[j]!, 0) / n));
}

/** Eigenvalues of XᵀX/n and the stable / optimal step sizes for gradient descent on J. */
export function curvature(X: ReadonlyMatrix): Curvature {
  const values = eigenvaluesSymmetric(hessianOfLoss(X));
  const lambdaMin = values[0]!;
  const lambdaMax = values[values.length - 1]!;
  return {
    lambdaMin,
    lambdaMax,
    condition: lambdaMin > 0 ? lambdaMax / lambdaMin : Infinity,
    maxStableStep: 2 / lambdaMax,
    optimalStep: 2 / (lambdaMin + lambdaMax),
  };
}

/** L = λmax(XᵀX/n), the Lipschitz constant of ∇J(b) = (1/n)Xᵀ(Xb − y). */
export function lipschitzConstant(X: ReadonlyMatrix): number {
  return curvature(X).lambdaMax;
}

/** The per-feature mean and (population) standard deviation used to standardise. */
export interface Standardization {
  mean: Vector;
  std: Vector;
}

function asColumns(fn: string, features: ReadonlyVector | ReadonlyMatrix): ReadonlyMatrix {
  if (Array.isArray(features) && features.length > 0 && Array.isArray(features[0])) {
    checkMatrix(fn, "features", features as ReadonlyMatrix);
    return features as ReadonlyMatrix;
  }
  checkVector(fn, "features", features as ReadonlyVector);
  return (features as ReadonlyVector).map((x) => [x]);
}

/**
 * Standardises each feature column: zᵢⱼ = (xᵢⱼ − μⱼ)/σⱼ with μⱼ the mean and σⱼ = √((1/n)Σᵢ(xᵢⱼ − μⱼ)²).
 * Equalising the scales shrinks κ(XᵀX/n), so gradient descent needs far fewer steps.
 * Pass features without the intercept column; a vector is treated as one feature.
 */
export function standardize(features: ReadonlyVector | ReadonlyMatrix): Standardization & { Z: Matrix } {
  const F = asColumns("standardize", features);
  const n = F.length;
  const p = F[0]!.length;
  const mean = Array.from({ length: p }, (_, j) => F.reduce((s, row) => s + row[j]!, 0) / n);
  const std = mean.map((m, j) => Math.sqrt(F.reduce((s, row) => s + (row[j]! - m) ** 2, 0) / n));
  std.forEach((s, j) => {
    if (s === 0) throw new Error(`standardize: feature ${j} is constant (std 0), so it cannot be scaled`);
  });
  return { Z: applyStandardization(F, { mean, std }), mean, std };
}

/** Applies a fitted standardisation to (new) features: (x − μ)/σ per column. */
export function applyStandardization(features: ReadonlyVector | ReadonlyMatrix, s: Standardization): Matrix {
  const F = asColumns("applyStandardization", features);
  if (F[0]!.length !== s.mean.length || s.std.length !== s.mean.length) {
    throw new Error(`applyStandardization: features have ${F[0]!.length} columns but the standardisation has ${s.mean.length}`);
  }
  return F.map((row) => row.map((x, j) => (x - s.mean[j]!) / s.std[j]!));
}

/**
 * Maps coefficients fitted on standardised features back to the original scale. From
 * ŷ = c₀ + Σⱼ cⱼ(xⱼ − μⱼ)/σⱼ: bⱼ = cⱼ/σⱼ and b₀ = c₀ − Σⱼ cⱼμⱼ/σⱼ.
 */
export function unstandardizeCoefficients(c: ReadonlyVector, s: Standardization): Vector {
  const fn = "unstandardizeCoefficients";
  checkVector(fn, "coefficients", c, s.mean.length + 1);
  const slopes = s.mean.map((_, j) => c[j + 1]! / s.std[j]!);
  const intercept = c[0]! - slopes.reduce((acc, bj, j) => acc + bj * s.mean[j]!, 0);
  return [intercept, ...slopes];
}

export { predict, mseLoss, mseGradient } from "./mse";
export { gradientDescent, sgd } from "./descent";
export type { DescentOptions, DescentResult, SgdOptions } from "./descent";
