/** TslabKernel against a real tslab: the protocol details the runner relies on. */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { TslabKernel } from "../../src/kernel/client";
import type { IopubMessage } from "../../src/kernel/messages";
import { projectRoot } from "./helpers";

const start = () => TslabKernel.start({ projectRoot, cwd: tmpdir(), kernelName: "study-notes-ts" });

describe("TslabKernel (real tslab over ZeroMQ)", () => {
  it("executes, counts executions, and exits by itself on shutdown_request (tslab patch)", async () => {
    const kernel = await start();
    const seen: IopubMessage[] = [];
    const r1 = await kernel.execute("const v: number = 6 * 7; v", { timeoutMs: 10_000, onIopub: (m) => seen.push(m) });
    const r2 = await kernel.execute("v + 1", { timeoutMs: 10_000, onIopub: (m) => seen.push(m) });
    assert.deepEqual([r1.status, r1.execution_count, r2.execution_count], ["ok", 1, 2]);
    assert.deepEqual(seen, [
      { msg_type: "stream", content: { name: "stdout", text: "42\n" } },
      { msg_type: "stream", content: { name: "stdout", text: "43\n" } },
    ]);
    await kernel.shutdown();
    // With sends queued (the burst fix), tslab must flush them before closing its sockets, or the
    // shutdown_reply is lost and the process lingers until SIGTERM.
    assert.deepEqual(kernel.exitStatus, { code: 0, signal: null });
  });

  it("receives every message of a 5,000-write burst in order (tslab patch: awaited sends, no high-water mark)", async () => {
    const kernel = await start();
    try {
      let text = "";
      const reply = await kernel.execute("for (let i = 0; i < 5000; i++) process.stdout.write(`${i}\\n`)", {
        timeoutMs: 30_000,
        onIopub: (m) => (text += m.msg_type === "stream" ? m.content.text : ""),
      });
      assert.equal(reply.status, "ok");
      const lines = text.split("\n").filter(Boolean);
      assert.equal(lines.length, 5000);
      assert.ok(
        lines.every((l, i) => l === String(i)),
        "in order, none missing",
      );
    } finally {
      await kernel.shutdown();
    }
  });
});
