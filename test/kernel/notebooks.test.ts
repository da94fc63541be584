/**
 * The study notebooks themselves: `nb run` twice in a row on copies of every
 * notebook in notebooks/ must give byte-identical files (seeded randomness,
 * no clock, no addresses in outputs). The first run starts from an empty
 * tslab convert cache and the second is served from it, so this also pins
 * that cached conversions behave exactly as fresh ones. `npm run check`
 * (part of `npm test`) separately confirms the committed outputs still hold.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { nb, projectRoot } from "./helpers";

describe("the study notebooks", () => {
  it("two consecutive runs (cold, then from the convert cache) leave every notebook byte-identical", async () => {
    // The copy sits inside the project so `../src/lib` imports resolve as they do from notebooks/.
    const dir = await mkdtemp(join(projectRoot, ".test-notebooks-"));
    try {
      await cp(join(projectRoot, "notebooks"), dir, { recursive: true });
      const names = (await readdir(dir)).filter((n) => n.endsWith(".ipynb")).sort();
      assert.ok(names.length >= 5, `expected the study notebooks, found ${names.join(", ")}`);
      const env = { TSLAB_CONVERT_CACHE_DIR: join(dir, ".convert-cache") };
      const first = await nb(["run", dir], { env });
      assert.equal(first.code, 0, first.stderr);
      const once = await Promise.all(names.map((n) => readFile(join(dir, n))));
      const second = await nb(["run", dir], { env });
      assert.equal(second.code, 0, second.stderr);
      for (const [i, name] of names.entries()) {
        assert.ok((await readFile(join(dir, name))).equals(once[i] as Buffer), `${name} changed between two runs`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
