/**
 * Gradient descent on J(b) = (1/2n)‖Xb − y‖²: full-batch, and mini-batch stochastic (seeded).
 * Re-exported from `./regression`.
 *
 * Both record the whole trajectory (loss and parameters) for plotting, and neither ever returns NaN:
 * when the loss becomes non-finite or grows past `blowUpFactor`·J(b₀), the run stops and reports
 * `diverged: true` and where; `params` are then the last finite iterate.
 */
import { checkInteger, checkPositive, checkVector } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";
import type { Vector } from "./linalg";
import { checkProblem, gradientOf, lossOf, residual } from "./mse";
import { createRng } from "./random";

/** Options of {@link gradientDescent}. */
export interface DescentOptions {
  /** The step size α > 0. */
  learningRate: number;
  /** The maximum number of updates b ← b − α∇J(b). */
  steps: number;
  /** The starting point b₀; default the zero vector. */
  initial?: ReadonlyVector;
  /** Stop early once ‖∇J(b)‖∞ ≤ tolerance; default 1e-10. Use 0 to always run every step. */
  tolerance?: number;
  /** Report divergence once J(b) > blowUpFactor·J(b₀); default 1e8. */
  blowUpFactor?: number;
}

/** The trajectory of an optimiser run. */
export interface DescentResult {
  /** The final iterate (the last finite one if the run diverged). */
  params: Vector;
  /** loss[k] = J after k updates (for SGD: after k epochs); loss[0] = J(b₀). Finite values only. */
  loss: number[];
  /** history[k] = the parameters at which loss[k] was measured. */
  history: Vector[];
  /** True if ‖∇J‖∞ ≤ tolerance was reached (always false for SGD, which has no such test). */
  converged: boolean;
  /** True if the loss became non-finite or exceeded blowUpFactor·J(b₀). */
  diverged: boolean;
  /** The update (for SGD: the epoch) at which divergence was detected, or null. */
  divergedAt: number | null;
}

function start(fn: string, X: ReadonlyMatrix, y: ReadonlyVector, initial: ReadonlyVector | undefined): Vector {
  const [, p] = checkProblem(fn, X, y);
  if (initial === undefined) return new Array<number>(p).fill(0);
  checkVector(fn, "initial", initial);
  if (initial.length !== p) throw new Error(`${fn}: X has ${p} columns but initial has length ${initial.length}`);
  return initial.slice();
}

function blownUp(loss: number, params: Vector, limit: number): boolean {
  return !Number.isFinite(loss) || loss > limit || params.some((v) => !Number.isFinite(v));
}

/**
 * The result of a run that blew up at step `at`: a huge-but-finite last loss stays in the record (so a
 * plot shows the blow-up), a non-finite one does not; never a NaN.
 */
function diverged(b: Vector, loss: number[], history: Vector[], J: number, next: Vector, at: number): DescentResult {
  const keep = Number.isFinite(J) && next.every(Number.isFinite);
  if (keep) {
    loss.push(J);
    history.push(next);
  }
  return { params: keep ? next : b, loss, history, converged: false, diverged: true, divergedAt: at };
}

/**
 * Batch gradient descent b ← b − α·(1/n)Xᵀ(Xb − y). On this quadratic it converges for every start iff
 * 0 < α < 2/λmax(XᵀX/n) (see `curvature`); a larger step makes the error along the top eigenvector
 * grow by |1 − αλmax| per update, which is reported as divergence.
 */
export function gradientDescent(X: ReadonlyMatrix, y: ReadonlyVector, options: DescentOptions): DescentResult {
  const fn = "gradientDescent";
  const alpha = checkPositive(fn, "learningRate", options.learningRate);
  const steps = checkInteger(fn, "steps", options.steps, 0);
  const tolerance = options.tolerance ?? 1e-10;
  const factor = options.blowUpFactor ?? 1e8;
  if (!(tolerance >= 0)) throw new Error(`${fn}: tolerance must be >= 0 (got ${tolerance})`);
  checkPositive(fn, "blowUpFactor", factor);
  let b = start(fn, X, y, options.initial);
  const p = b.length;
  let r = residual(X, y, b);
  const loss = [lossOf(r)];
  const history = [b.slice()];
  const limit = factor * Math.max(loss[0]!, Number.MIN_VALUE);
  for (let k = 1; k <= steps; k++) {
    const g = gradientOf(X, r, p);
    if (Math.max(...g.map(Math.abs)) <= tolerance) {
      return { params: b, loss, history, converged: true, diverged: false, divergedAt: null };
    }
    const next = b.map((bj, j) => bj - alpha * g[j]!);
    r = residual(X, y, next);
    const J = lossOf(r);
    if (blownUp(J, next, limit)) return diverged(b, loss, history, J, next, k);
    b = next;
    loss.push(J);
    history.push(b.slice());
  }
  const gEnd = gradientOf(X, r, p);
  const converged = Math.max(...gEnd.map(Math.abs)) <= tolerance;
  return { params: b, loss, history, converged, diverged: false, divergedAt: null };
}

/** Options of {@link sgd}. */
export interface SgdOptions {
  learningRate: number;
  /** Passes over the data; each pass visits the rows in a fresh seeded random order. */
  epochs: number;
  /** Rows per update (1 = classic SGD, n = batch gradient descent). */
  batchSize: number;
  /** Seed of the shuffling, so runs are reproducible. */
  seed: number;
  initial?: ReadonlyVector;
  /** Report divergence once J(b) > blowUpFactor·J(b₀); default 1e8. */
  blowUpFactor?: number;
}

/**
 * Mini-batch SGD: per epoch, shuffle the rows (seeded), and for each batch S update
 * b ← b − α·(1/|S|)X_Sᵀ(X_S b − y_S). The full loss J is recorded once per epoch.
 */
export function sgd(X: ReadonlyMatrix, y: ReadonlyVector, options: SgdOptions): DescentResult {
  const fn = "sgd";
  const alpha = checkPositive(fn, "learningRate", options.learningRate);
  const epochs = checkInteger(fn, "epochs", options.epochs, 0);
  const n = X.length;
  let b = start(fn, X, y, options.initial);
  const batchSize = checkInteger(fn, "batchSize", options.batchSize, 1, n);
  const factor = checkPositive(fn, "blowUpFactor", options.blowUpFactor ?? 1e8);
  const rng = createRng(options.seed);
  const p = b.length;
  const loss = [lossOf(residual(X, y, b))];
  const history = [b.slice()];
  const limit = factor * Math.max(loss[0]!, Number.MIN_VALUE);
  const rows = X.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = rng.shuffle(rows);
    let next = b;
    for (let s = 0; s < n; s += batchSize) {
      const batch = order.slice(s, s + batchSize);
      const g = gradientOf(X, residual(X, y, next, batch), p, batch);
      next = next.map((bj, j) => bj - alpha * g[j]!);
      if (!next.every(Number.isFinite)) {
        return { params: b, loss, history, converged: false, diverged: true, divergedAt: epoch };
      }
    }
    const J = lossOf(residual(X, y, next));
    if (blownUp(J, next, limit)) return diverged(b, loss, history, J, next, epoch);
    b = next;
    loss.push(J);
    history.push(b.slice());
  }
  return { params: b, loss, history, converged: false, diverged: false, divergedAt: null };
}
