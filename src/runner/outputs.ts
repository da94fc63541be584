/**
 * Output assembly: iopub messages of one cell → nbformat outputs, as Jupyter
 * front ends build them. Pure and synchronous, so it is unit-tested with
 * scripted messages.
 *  - consecutive stream messages of the same name are coalesced (tslab sends
 *    every write() as its own message);
 *  - update_display_data replaces every output that carries its display id;
 *  - clear_output clears now, or with wait=true just before the next output;
 *  - keys are written in sorted order and text as lists of lines, as nbformat does.
 */
import type { IOutput } from "@jupyterlab/nbformat";
import type { IopubMessage, MimeBundle } from "../kernel/messages";
import { splitLines } from "../notebook/types";

type Building =
  | { kind: "stream"; name: string; text: string }
  | {
      kind: "display";
      outputType: "display_data" | "execute_result";
      data: MimeBundle;
      metadata: Record<string, unknown>;
      executionCount?: number;
      displayId?: string;
    }
  | { kind: "error"; ename: string; evalue: string; traceback: string[] };

/** MIME types nbformat stores as a list of lines (see nbformat's rwbase.split_lines). */
function isSplitMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "image/svg+xml" || mime === "application/javascript";
}

export class OutputAssembler {
  private outputs: Building[] = [];
  private clearPending = false;

  /** Feed one iopub message that answers this cell's request. */
  add(message: IopubMessage): void {
    if (message.msg_type === "clear_output") {
      if (message.content.wait) this.clearPending = true;
      else this.clear();
      return;
    }
    if (message.msg_type === "update_display_data") {
      const id = message.content.transient?.display_id;
      for (const out of this.outputs) {
        if (out.kind === "display" && id !== undefined && out.displayId === id) {
          out.data = message.content.data;
          out.metadata = message.content.metadata ?? {};
        }
      }
      return;
    }
    if (this.clearPending) this.clear();
    switch (message.msg_type) {
      case "stream": {
        const last = this.outputs[this.outputs.length - 1];
        if (last?.kind === "stream" && last.name === message.content.name) last.text += message.content.text;
        else this.outputs.push({ kind: "stream", name: message.content.name, text: message.content.text });
        return;
      }
      case "display_data":
      case "execute_result": {
        const c = message.content;
        const displayId = c.transient?.display_id;
        this.outputs.push({
          kind: "display",
          outputType: message.msg_type,
          data: c.data,
          metadata: c.metadata ?? {},
          ...(message.msg_type === "execute_result" ? { executionCount: message.content.execution_count } : {}),
          ...(displayId !== undefined ? { displayId } : {}),
        });
        return;
      }
      case "error":
        this.outputs.push({
          kind: "error",
          ename: message.content.ename,
          evalue: message.content.evalue,
          traceback: message.content.traceback,
        });
        return;
    }
  }

  private clear(): void {
    this.outputs = [];
    this.clearPending = false;
  }

  /**
   * tslab reports a failed cell only as stderr text plus an error reply. Turn
   * that text into a proper `error` output (Jupyter front ends, the exporter
   * and `check` all treat errors by output type); stdout stays as it was.
   */
  convertStderrToError(): void {
    const stderr = this.outputs.filter((o): o is Extract<Building, { kind: "stream" }> => o.kind === "stream" && o.name === "stderr");
    if (this.outputs.some((o) => o.kind === "error")) return; // the kernel sent a real error message
    this.outputs = this.outputs.filter((o) => !(o.kind === "stream" && o.name === "stderr"));
    this.outputs.push(errorFromText(stderr.map((s) => s.text).join("")));
  }

  /** The outputs in nbformat shape. */
  result(): IOutput[] {
    return this.outputs.map(toNbformat);
  }
}

/** Stack frames from Node internals and tslab itself: noise for the reader, and machine-specific paths. */
const INTERNAL_FRAME = /^\s+at .*(?:\(node:|node:internal|[\\/]node_modules[\\/]|sigintHandlersWrap)/;

/**
 * Derive ename/evalue from tslab's error text: a type-check diagnostic
 * ("1:7 - Type 'string' is not assignable…") or a printed exception, whose
 * "RangeError: message" line may follow a source excerpt.
 */
export function errorFromText(text: string): { kind: "error"; ename: string; evalue: string; traceback: string[] } {
  const lines = text
    .replace(/\n+$/, "")
    .split("\n")
    .filter((l) => !INTERNAL_FRAME.test(l));
  if (!text.trim()) return { kind: "error", ename: "Error", evalue: "the cell failed and the kernel sent no error text", traceback: [] };
  const first = lines[0] ?? "";
  if (/^(?:\S+ )?\d+:\d+ - /.test(first)) return { kind: "error", ename: "TypeScriptError", evalue: first, traceback: lines };
  for (const line of lines) {
    const named = /^((?:[A-Za-z_$][\w$]*)?(?:Error|Exception))(?: \[[^\]]*\])?: ?(.*)$/.exec(line);
    if (named) return { kind: "error", ename: named[1] ?? "Error", evalue: named[2] ?? "", traceback: lines };
  }
  return { kind: "error", ename: "Error", evalue: first, traceback: lines };
}

function toNbformat(out: Building): IOutput {
  switch (out.kind) {
    case "stream":
      return { name: out.name, output_type: "stream", text: splitLines(out.text) };
    case "error":
      return { ename: out.ename, evalue: out.evalue, output_type: "error", traceback: out.traceback };
    case "display": {
      const data = splitMimeBundle(out.data);
      if (out.outputType === "execute_result") {
        return { data, execution_count: out.executionCount ?? null, metadata: out.metadata, output_type: "execute_result" } as IOutput;
      }
      return { data, metadata: out.metadata, output_type: "display_data" } as IOutput;
    }
  }
}

function splitMimeBundle(data: MimeBundle): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const mime of Object.keys(data).sort()) {
    const value = data[mime];
    result[mime] = typeof value === "string" && isSplitMime(mime) ? splitLines(value) : value;
  }
  return result;
}
