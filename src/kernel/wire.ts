/**
 * Jupyter wire protocol (messaging spec 5.3): signing, framing and parsing of
 * multipart ZeroMQ messages. Pure functions, so the signing and framing rules
 * are unit-tested without a kernel.
 *
 * A message on the wire is
 *   [...identities, "<IDS|MSG>", hmac, header, parent_header, metadata, content, ...buffers]
 * where hmac is the hex HMAC-SHA256 (keyed by the connection file's key) over
 * the four JSON frames in order.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { JupyterMessage, MessageHeader } from "./messages";

export const DELIMITER = "<IDS|MSG>";
export const PROTOCOL_VERSION = "5.3";

/** Raised when a received message is malformed or its signature is wrong. */
export class WireError extends Error {
  override name = "WireError";
}

/** Hex HMAC-SHA256 over the given frames, as the spec requires. */
export function sign(key: string, frames: readonly (string | Uint8Array)[]): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** Build a message header with a fresh id. `date` is required by the spec but never reaches outputs. */
export function makeHeader(msgType: string, session: string, username = "study-notes"): MessageHeader {
  return {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username,
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

/** Serialise a message into signed multipart frames (without routing identities). */
export function encode(key: string, message: JupyterMessage): Buffer[] {
  const parts = [
    JSON.stringify(message.header),
    JSON.stringify(message.parent_header),
    JSON.stringify(message.metadata),
    JSON.stringify(message.content),
  ];
  return [Buffer.from(DELIMITER), Buffer.from(sign(key, parts)), ...parts.map((p) => Buffer.from(p))];
}

/**
 * Parse signed multipart frames into a message, verifying the signature over
 * the received bytes (not a re-serialisation, which could differ).
 */
export function decode(key: string, frames: readonly Uint8Array[]): JupyterMessage {
  const delim = frames.findIndex((f) => Buffer.from(f).toString() === DELIMITER);
  if (delim < 0) throw new WireError("message has no <IDS|MSG> delimiter");
  const parts = frames.slice(delim + 2, delim + 6);
  if (parts.length !== 4) throw new WireError(`message has ${parts.length} of the 4 JSON frames`);
  const signature = Buffer.from(frames[delim + 1] ?? new Uint8Array()).toString();
  const expected = sign(key, parts);
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new WireError("message signature does not match the connection key");
  const [header, parent, metadata, content] = parts.map((p, i) => {
    try {
      return JSON.parse(Buffer.from(p).toString("utf8")) as unknown;
    } catch {
      throw new WireError(`frame ${i} of the message is not JSON`);
    }
  });
  if (!isObject(header) || typeof header["msg_type"] !== "string") throw new WireError("message header has no msg_type");
  return {
    header: header as unknown as MessageHeader,
    parent_header: (isObject(parent) ? parent : {}) as JupyterMessage["parent_header"],
    metadata: isObject(metadata) ? metadata : {},
    content: isObject(content) ? content : {},
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
