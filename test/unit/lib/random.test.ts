import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng } from "../../../src/lib/random";
import { close } from "./helpers";

/**
 * mulberry32 transcribed from its C reference with BigInt arithmetic mod 2³², an implementation
 * independent of Math.imul and JavaScript's signed 32-bit shifts.
 */
function referenceMulberry32(seed: number, count: number): number[] {
  const M = (1n << 32n) - 1n;
  let state = BigInt(seed >>> 0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5n) & M;
    let z = state;
    z = ((z ^ (z >> 15n)) * (z | 1n)) & M;
    z = z ^ ((z + (z ^ (z >> 7n)) * (z | 61n)) & M);
    z = z ^ (z >> 14n);
    out.push(Number(z) / 2 ** 32);
  }
  return out;
}

describe("createRng", () => {
  it("matches the reference mulberry32 stream", () => {
    for (const seed of [0, 1, 42, 123456789, 2 ** 32 - 1]) {
      const rng = createRng(seed);
      const ours = Array.from({ length: 20 }, () => rng.next());
      assert.deepEqual(ours, referenceMulberry32(seed, 20), `seed ${seed}`);
    }
  });

  it("is reproducible: the same seed gives the same numbers, another seed does not", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const draw = (r: ReturnType<typeof createRng>) => [
      r.next(),
      r.normal(),
      r.uniform(-2, 3),
      r.int(10),
      ...r.normalArray(3),
      ...r.shuffle([1, 2, 3, 4, 5]),
    ];
    assert.deepEqual(draw(a), draw(b));
    assert.notDeepEqual(draw(createRng(7)), draw(c));
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRng(2024);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => rng.next());
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    // Standard errors: 0.29/√n ≈ 0.0009 for the mean, ≈ 0.0002 for the variance.
    close(mean, 0.5, 0.005, "mean");
    close(variance, 1 / 12, 0.002, "variance");
  });

  it("draws normals with the requested mean and standard deviation", () => {
    const rng = createRng(99);
    const n = 100_000;
    const xs = rng.normalArray(n, 3, 2);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    // Standard errors: 2/√n ≈ 0.006 for the mean, ≈ 0.0045 for the sd.
    close(mean, 3, 0.03, "mean");
    close(sd, 2, 0.025, "sd");
    // About 68.27% of a normal lies within one sd of the mean.
    close(xs.filter((x) => Math.abs(x - 3) < 2).length / n, 0.6827, 0.01, "one-sigma fraction");
  });

  it("int(n) covers 0..n−1 uniformly", () => {
    const rng = createRng(5);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]! += 1;
    for (const c of counts) close(c, 10_000, 500, "count");
  });

  it("shuffle returns a permutation, leaves the input alone, and hits every order", () => {
    const rng = createRng(11);
    const input = Object.freeze([1, 2, 3]);
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const s = rng.shuffle(input);
      assert.deepEqual([...s].sort(), [1, 2, 3]);
      seen.set(s.join(""), (seen.get(s.join("")) ?? 0) + 1);
    }
    assert.deepEqual(input, [1, 2, 3]);
    assert.equal(seen.size, 6);
    for (const c of seen.values()) close(c, 1000, 150, "permutation count");
  });

  it("rejects bad arguments with the function name", () => {
    assert.throws(() => createRng(1.5), /^Error: createRng: seed must be an integer/);
    assert.throws(() => createRng(Number.NaN), /createRng: seed/);
    const rng = createRng(1);
    assert.throws(() => rng.int(0), /int: n must be an integer in \[1, /);
    assert.throws(() => rng.normalArray(-1), /normalArray: n must be an integer >= 0/);
    assert.throws(() => rng.normal(0, -1), /normal: sd must be a finite number > 0/);
    assert.throws(() => rng.uniform(0, Infinity), /uniform: b must be a finite number/);
  });
});
