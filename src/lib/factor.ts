/**
 * Orthogonal factorisations: Householder QR (for least squares) and the cyclic Jacobi eigenvalue method
 * (for the curvatures of a quadratic loss). Re-exported from `./linalg`; import them from there.
 *
 * Both work with orthogonal transformations only, which do not amplify rounding error: least squares by
 * QR has error ∝ κ(A), while the normal equations AᵀAx = Aᵀb have error ∝ κ(A)².
 */
import { checkMatrix, checkVector, formatNumber } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";

type Vector = number[];
type Matrix = number[][];

/** ‖v‖₂, scaled by max|vᵢ| so squaring cannot overflow (and no argument spread on long columns). */
function norm2(v: Vector): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  if (max === 0) return 0;
  let s = 0;
  for (const x of v) s += (x / max) ** 2;
  return max * Math.sqrt(s);
}

/** Householder reflectors vₖ (unit vectors acting on rows k…m−1) and the m×n upper-triangular R. */
interface Householder {
  vs: (Vector | null)[];
  R: Matrix;
}

function householder(fn: string, A: ReadonlyMatrix): Householder {
  const [m, n] = checkMatrix(fn, "matrix", A);
  if (m < n) throw new Error(`${fn}: matrix is ${m}×${n}; QR needs at least as many rows as columns`);
  const R = A.map((row) => row.slice());
  const vs: (Vector | null)[] = [];
  for (let k = 0; k < n; k++) {
    const v: Vector = [];
    for (let i = k; i < m; i++) v.push(R[i]![k]!);
    const x0 = v[0]!;
    const xNorm = norm2(v);
    // Reflect x onto −sign(x₀)‖x‖e₁: choosing the sign away from x₀ avoids cancellation in v₀.
    const alpha = x0 >= 0 ? -xNorm : xNorm;
    v[0] = x0 - alpha;
    const vNorm = norm2(v);
    if (vNorm === 0) {
      vs.push(null); // column already zero below the diagonal
      continue;
    }
    for (let i = 0; i < v.length; i++) v[i]! /= vNorm;
    applyReflector(v, R, k, k, n);
    vs.push(v);
  }
  return { vs, R };
}

/** Applies H = I − 2vvᵀ to rows k… of columns j0…j1−1 of M, in place. */
function applyReflector(v: Vector, M: Matrix, k: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j++) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * M[k + i]![j]!;
    s *= 2;
    for (let i = 0; i < v.length; i++) M[k + i]![j]! -= s * v[i]!;
  }
}

/**
 * Thin QR factorisation A = QR by Householder reflections, for m×n A with m ≥ n:
 * Q is m×n with orthonormal columns (QᵀQ = I), R is n×n upper triangular.
 */
export function qr(A: ReadonlyMatrix): { Q: Matrix; R: Matrix } {
  const { vs, R } = householder("qr", A);
  const m = R.length;
  const n = vs.length;
  // Q = H₀H₁…Hₙ₋₁ applied to the first n columns of I, reflectors applied last-to-first.
  const Q: Matrix = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    if (v) applyReflector(v, Q, k, 0, n);
  }
  return { Q, R: R.slice(0, n).map((row, i) => row.map((x, j) => (j < i ? 0 : x))) };
}

/**
 * Least-squares solution x = argmin ‖Ax − b‖₂ via Householder QR: Rx = (Qᵀb)₁..ₙ, solved by back
 * substitution. Throws if A is rank-deficient to working precision (|Rₖₖ| ≤ max(m, n)·ε·max|Rᵢᵢ|),
 * where the minimiser is not unique.
 */
export function lstsq(A: ReadonlyMatrix, b: ReadonlyVector): Vector {
  return lstsqAs("lstsq", A, b);
}

/** {@link lstsq} reporting errors under the caller's name (e.g. `leastSquares`). */
export function lstsqAs(fn: string, A: ReadonlyMatrix, b: ReadonlyVector): Vector {
  const { vs, R } = householder(fn, A);
  const m = R.length;
  const n = vs.length;
  checkVector(fn, "right-hand side", b);
  if (b.length !== m) throw new Error(`${fn}: matrix is ${m}×${n} but right-hand side has length ${b.length}`);
  const qtb = b.map((x) => [x]);
  vs.forEach((v, k) => {
    if (v) applyReflector(v, qtb, k, 0, 1);
  });
  const rMax = Math.max(...R.slice(0, n).map((row, i) => Math.abs(row[i]!)));
  for (let i = 0; i < n; i++) {
    // Rᵢᵢ is the part of column i orthogonal to columns 0…i−1; if it vanishes, so does uniqueness.
    if (rMax === 0 || Math.abs(R[i]![i]!) <= Math.max(m, n) * Number.EPSILON * rMax) {
      const why = i === 0 ? "column 0 is zero" : `column ${i} is a linear combination of columns 0…${i - 1}`;
      throw new Error(`${fn}: matrix is rank-deficient (${why}), so the least-squares solution is not unique`);
    }
  }
  const x: Vector = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = qtb[i]![0]!;
    for (let j = i + 1; j < n; j++) s -= R[i]![j]! * x[j]!;
    x[i] = s / R[i]![i]!;
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix, A = V·diag(λ)·Vᵀ, by cyclic Jacobi rotations.
 * Each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is below
 * ε²·‖A‖²_F. Accurate for small matrices; O(n³) per sweep.
 * @returns eigenvalues in ascending order and the matching unit eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen(A: ReadonlyMatrix): { values: Vector; vectors: Matrix } {
  const [m, n] = checkMatrix("symmetricEigen", "matrix", A);
  if (m !== n) throw new Error(`symmetricEigen: matrix must be square (got ${m}×${n})`);
  const scale = Math.max(...A.map((row) => Math.max(...row.map(Math.abs))));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(A[i]![j]! - A[j]![i]!) > 1e-12 * scale) {
        throw new Error(
          `symmetricEigen: matrix is not symmetric: A[${i}][${j}] = ${formatNumber(A[i]![j]!)} but A[${j}][${i}] = ${formatNumber(A[j]![i]!)}`,
        );
      }
    }
  }
  const a = A.map((row) => row.slice());
  const V: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const total = a.flat().reduce((s, x) => s + x * x, 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off <= Number.EPSILON ** 2 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        // tan φ solves t² + 2θt − 1 = 0 with θ = cot 2φ; the smaller root keeps |φ| ≤ π/4 (stable).
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]![i]! - a[j]![j]!);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: V.map((row) => order.map((j) => row[j]!)),
  };
}

/** Eigenvalues of a symmetric matrix in ascending order (see {@link symmetricEigen}). */
export function eigenvaluesSymmetric(A: ReadonlyMatrix): Vector {
  return symmetricEigen(A).values;
}
