import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { figureSvg } from "../../../src/experiments/figures";
import { fieldName, loadExperiment, parseExperiment } from "../../../src/experiments/load";

const base = ['title: "t"', 'model: "m"', 'trainer: "tr"'];

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "experiments-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const notebook = JSON.stringify({
  cells: [
    {
      cell_type: "code",
      id: "fig",
      outputs: [{ output_type: "display_data", data: { "image/svg+xml": ["<svg>", "<title>x</title></svg>"] } }],
    },
    { cell_type: "code", id: "text", outputs: [{ output_type: "stream", name: "stdout", text: "no figure" }] },
  ],
});

describe("experiment logs", () => {
  it("accepts a minimal log and fills defaults", () => {
    const log = parseExperiment(base.join("\n"), "x.yaml");
    assert.deepEqual([log.settings, log.observations, log.figures, log.next_steps], [{}, [], [], []]);
  });

  it("names the file and every wrong field in one error", () => {
    const text = [...base.slice(0, 1), "model: 12", 'trainer: "tr"', "settings:", "  steps: [1, 2]", "figures:", "  - caption: c"].join(
      "\n",
    );
    assert.throws(
      () => parseExperiment(text, "bad.yaml"),
      (err: Error) => {
        assert.match(err.message, /^bad\.yaml: /);
        assert.match(err.message, /필드 model:/);
        assert.match(err.message, /필드 settings\.steps:/);
        assert.match(err.message, /필드 figures\[0\]\.file:/);
        return true;
      },
    );
  });

  it("rejects a figure that names both a file and a notebook, or a notebook without a cell", () => {
    assert.throws(
      () => parseExperiment([...base, "figures:", "  - file: a.svg", "    notebook: n.ipynb", "    cell: c"].join("\n"), "x.yaml"),
      /figures\[0\]\.file/,
    );
    assert.throws(() => parseExperiment([...base, "figures:", "  - notebook: n.ipynb"].join("\n"), "x.yaml"), /figures\[0\]\.cell/);
  });

  it("reports YAML syntax errors and unknown fields with the file name", () => {
    assert.throws(() => parseExperiment('title: "open', "s.yaml"), /^Error: s\.yaml: YAML 문법 오류/);
    const warnings: string[] = [];
    parseExperiment([...base, "colour: red"].join("\n"), "w.yaml", (m) => warnings.push(m));
    assert.match(warnings[0] ?? "", /w\.yaml.*colour/);
  });

  it("resolves figures from a file next to the YAML or from a notebook cell's stored SVG", async () => {
    const dir = await folder({ "a.svg": "<svg>file</svg>", "n.ipynb": notebook });
    const yaml = join(dir, "log.yaml");
    assert.equal(figureSvg(yaml, { file: "a.svg" }), "<svg>file</svg>");
    assert.equal(figureSvg(yaml, { notebook: "n.ipynb", cell: "fig" }), "<svg><title>x</title></svg>");
    assert.throws(() => figureSvg(yaml, { notebook: "n.ipynb", cell: "text" }), /셀 'text'에 SVG 출력이 없다/);
    assert.throws(() => figureSvg(yaml, { notebook: "n.ipynb", cell: "nope" }), /id가 'nope'인 셀이 없다/);
    assert.throws(() => figureSvg(yaml, { file: "missing.svg" }), /missing\.svg 파일이 YAML 옆에 없다/);
  });

  it("loadExperiment checks that every figure resolves, naming the figure", async () => {
    const dir = await folder({
      "n.ipynb": notebook,
      "log.yaml": [...base, "figures:", "  - notebook: n.ipynb", "    cell: fig", "  - notebook: n.ipynb", "    cell: gone"].join("\n"),
    });
    assert.throws(() => loadExperiment(join(dir, "log.yaml")), /log\.yaml: 필드 figures\[1\]: .*'gone'/);
    assert.throws(() => loadExperiment(join(dir, "none.yaml")), /none\.yaml: 파일을 읽을 수 없다 \(ENOENT\)/);
  });

  it("writes field paths as a reader would type them", () => {
    assert.equal(fieldName(["settings", "steps (this run)"]), 'settings["steps (this run)"]');
    assert.equal(fieldName(["figures", 0, "file"]), "figures[0].file");
  });
});

describe("the committed experiment logs", () => {
  it("all load, with every figure resolved", async () => {
    const { readdir } = await import("node:fs/promises");
    const dir = new URL("../../../content/experiments/", import.meta.url).pathname;
    const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length >= 2);
    for (const file of files) loadExperiment(join(dir, file), (m) => assert.fail(m));
  });
});
