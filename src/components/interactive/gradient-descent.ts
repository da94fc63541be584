/**
 * The learning-rate figure: gradient descent on Anscombe's data set I (x
 * standardised), run with the same `src/lib` code the notebooks use. Shared by
 * the build (the static SVG a reader sees without JavaScript) and the browser
 * script (which re-runs it when the slider moves).
 */
import { anscombe } from "../../lib/datasets";
import { gradientDescent } from "../../lib/descent";
import { designMatrix, standardize } from "../../lib/regression";

export const STEPS = 40;
export const WIDTH = 480;
export const HEIGHT = 220;
const M = { left: 44, right: 12, top: 12, bottom: 28 };

const { Z } = standardize(anscombe.I.x);
const X = designMatrix(Z);
const y = anscombe.I.y;

export interface Run {
  /** SVG path of log₁₀ loss against step. */
  path: string;
  finalLoss: number;
  diverged: boolean;
  steps: number;
}

/** Loss is drawn on a log scale between 10^-1 and 10^3 (clamped). */
const LOG_MIN = -1;
const LOG_MAX = 3;

export function yOf(loss: number): number {
  const t = (Math.min(LOG_MAX, Math.max(LOG_MIN, Math.log10(loss))) - LOG_MIN) / (LOG_MAX - LOG_MIN);
  return M.top + (1 - t) * (HEIGHT - M.top - M.bottom);
}

export function xOf(step: number): number {
  return M.left + (step / STEPS) * (WIDTH - M.left - M.right);
}

export function run(learningRate: number): Run {
  const result = gradientDescent(X, y, { learningRate, steps: STEPS, tolerance: 0 });
  const path = result.loss.map((l, k) => `${k === 0 ? "M" : "L"}${xOf(k).toFixed(1)},${yOf(l).toFixed(1)}`).join("");
  return { path, finalLoss: result.loss.at(-1) ?? NaN, diverged: result.diverged, steps: result.loss.length - 1 };
}

/** "손실 0.6321 (40단계)" or the divergence message, in Korean. */
export function describe(r: Run): string {
  return r.diverged ? `발산했습니다 (${r.steps}단계에서 멈춤)` : `${r.steps}단계 뒤 손실 ${r.finalLoss.toFixed(4)}`;
}

export const AXES = {
  ticks: [-1, 0, 1, 2, 3].map((e) => ({ y: yOf(10 ** e), label: `10${e < 0 ? "⁻¹" : (["⁰", "¹", "²", "³"][e] ?? "")}` })),
  steps: [0, 10, 20, 30, 40].map((s) => ({ x: xOf(s), label: String(s) })),
  margin: M,
};
