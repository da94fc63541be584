/**
 * A small seeded pseudo-random number generator, so that every notebook output is reproducible.
 *
 * `Math.random` cannot be seeded, so a notebook using it would produce different numbers (and a failing
 * check) on every run. mulberry32 (Tommy Ettinger, public domain) has a 32-bit state, passes
 * gjrand/PractRand for the sample sizes a notebook uses, and is a few lines of integer arithmetic that
 * behave identically in every JavaScript engine.
 */
import { checkInteger, checkPositive, checkFinite } from "./check";

/** A seeded random source. All methods advance the same stream. */
export interface Rng {
  /** The seed the generator was created with. */
  readonly seed: number;
  /** Uniform on [0, 1): mulberry32 output divided by 2³². */
  next(): number;
  /** Uniform on [a, b): a + (b − a)·U. */
  uniform(a: number, b: number): number;
  /** Uniform integer in {0, …, n − 1}: ⌊n·U⌋. */
  int(n: number): number;
  /**
   * Normal N(mean, sd²) by the Box–Muller transform: with U1 ∈ (0, 1], U2 ∈ [0, 1),
   * Z = √(−2 ln U1)·cos(2πU2). The paired sine value is kept for the next call.
   */
  normal(mean?: number, sd?: number): number;
  /** `n` independent N(mean, sd²) draws. */
  normalArray(n: number, mean?: number, sd?: number): number[];
  /** A shuffled copy of `xs` (Fisher–Yates); the input is not modified. */
  shuffle<T>(xs: readonly T[]): T[];
}

/**
 * Creates a mulberry32 generator.
 * @param seed an integer; only its low 32 bits are used (so `seed` and `seed + 2³²` give the same stream).
 */
export function createRng(seed: number): Rng {
  checkInteger("createRng", "seed", seed, Number.MIN_SAFE_INTEGER);
  let state = seed >>> 0;
  let spare: number | undefined;

  function next(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function standardNormal(): number {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    // 1 − U lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  function normal(mean = 0, sd = 1): number {
    checkFinite("normal", "mean", mean);
    if (sd !== 0) checkPositive("normal", "sd", sd);
    return mean + sd * standardNormal();
  }

  return {
    seed,
    next,
    uniform(a: number, b: number): number {
      checkFinite("uniform", "a", a);
      checkFinite("uniform", "b", b);
      return a + (b - a) * next();
    },
    int(n: number): number {
      checkInteger("int", "n", n, 1, 2 ** 32);
      return Math.floor(n * next());
    },
    normal,
    normalArray(n: number, mean = 0, sd = 1): number[] {
      checkInteger("normalArray", "n", n, 0);
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(normal(mean, sd));
      return out;
    },
    shuffle<T>(xs: readonly T[]): T[] {
      const out = xs.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor((i + 1) * next());
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
  };
}
