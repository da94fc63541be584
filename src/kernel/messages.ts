/** Types for the Jupyter messages the runner sends and reads (messaging spec 5.3). */

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  /** Empty object when the message answers nothing. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
}

export type MimeBundle = Record<string, unknown>;

export interface StreamContent {
  name: "stdout" | "stderr";
  text: string;
}
export interface DisplayDataContent {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}
export interface ExecuteResultContent extends DisplayDataContent {
  execution_count: number;
}
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}
export interface ClearOutputContent {
  wait: boolean;
}
export interface StatusContent {
  execution_state: "busy" | "idle" | "starting";
}
export interface ExecuteReplyContent {
  status: "ok" | "error" | "abort" | "aborted";
  execution_count?: number;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** An iopub message the output assembler understands. */
export type IopubMessage =
  | { msg_type: "stream"; content: StreamContent }
  | { msg_type: "display_data"; content: DisplayDataContent }
  | { msg_type: "update_display_data"; content: DisplayDataContent }
  | { msg_type: "execute_result"; content: ExecuteResultContent }
  | { msg_type: "error"; content: ErrorContent }
  | { msg_type: "clear_output"; content: ClearOutputContent };
