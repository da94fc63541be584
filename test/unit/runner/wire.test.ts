import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JupyterMessage } from "../../../src/kernel/messages";
import { decode, DELIMITER, encode, makeHeader, sign, WireError } from "../../../src/kernel/wire";

const key = "secret-key";

function message(): JupyterMessage {
  return { header: makeHeader("execute_request", "session-1"), parent_header: {}, metadata: {}, content: { code: "1+1" } };
}

describe("wire: signing", () => {
  it("matches Python's hmac module (HMAC-SHA256 over the four JSON frames)", () => {
    // Reference computed with CPython: hmac.new(b"secret-key", digestmod=sha256) updated with each frame.
    const frames = ['{"msg_id":"1"}', "{}", "{}", '{"code":"1+1"}'];
    assert.equal(sign(key, frames), "f29edc2ae347e99e996cf426a9068abd72bbac08f131d7b7d863f0430600434a");
  });
});

describe("wire: framing", () => {
  it("encodes delimiter, signature, then header/parent/metadata/content", () => {
    const frames = encode(key, message());
    assert.equal(frames.length, 6);
    assert.equal(frames[0]?.toString(), DELIMITER);
    const parts = frames.slice(2).map((f) => f.toString());
    assert.equal(frames[1]?.toString(), sign(key, parts));
    assert.equal(JSON.parse(parts[0] ?? "").msg_type, "execute_request");
    assert.deepEqual(JSON.parse(parts[3] ?? ""), { code: "1+1" });
  });

  it("round-trips through decode, with routing identities before the delimiter", () => {
    const original = message();
    const decoded = decode(key, [Buffer.from("router-id"), ...encode(key, original)]);
    assert.deepEqual(decoded, original);
  });

  it("rejects a wrong key, a tampered frame, and frames without a delimiter", () => {
    const frames = encode(key, message());
    assert.throws(() => decode("other-key", frames), WireError);
    const tampered = [...frames];
    tampered[5] = Buffer.from('{"code":"2+2"}');
    assert.throws(() => decode(key, tampered), /signature/);
    assert.throws(() => decode(key, frames.slice(1)), /delimiter/);
    assert.throws(() => decode(key, frames.slice(0, 4)), /JSON frames/);
  });

  it("gives every header a fresh id and protocol 5.3", () => {
    const a = makeHeader("kernel_info_request", "s");
    const b = makeHeader("kernel_info_request", "s");
    assert.notEqual(a.msg_id, b.msg_id);
    assert.equal(a.version, "5.3");
  });
});

describe("connection files", () => {
  it("never hands out the same port twice, even to kernels started at the same moment", async () => {
    const { createConnectionInfo } = await import("../../../src/kernel/connection");
    const infos = await Promise.all(Array.from({ length: 20 }, () => createConnectionInfo("k")));
    const ports = infos.flatMap((i) => [i.shell_port, i.iopub_port, i.stdin_port, i.control_port, i.hb_port]);
    assert.equal(new Set(ports).size, ports.length);
    assert.ok(
      infos.every((i) => i.key.length === 64 && i.signature_scheme === "hmac-sha256"),
      "a random key, never empty",
    );
  });
});
