/**
 * A Jupyter client for one tslab kernel process, over ZeroMQ (messaging 5.3),
 * in the way nbclient drives kernels: start, wait until ready, execute one
 * request at a time, and always shut down. The quirks of tslab it absorbs are
 * in shared/tslab-notes.md; the ones that matter here:
 *  - a cell is done when both execute_reply and the idle status that answers
 *    it have arrived (status messages are filtered by parent id);
 *  - interrupt_request is ignored, so interrupts are SIGINT;
 *  - process.exit() in a cell sends no reply, so the child's exit event
 *    fails the pending request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import { createConnectionInfo, endpoint, type ConnectionInfo } from "./connection";
import { CellTimeoutError, KernelDiedError, KernelStartError, PortInUseError } from "./errors";
import { kernelCommand } from "./kernelspec";
import type { ExecuteReplyContent, IopubMessage, JupyterMessage } from "./messages";
import { decode, encode, makeHeader } from "./wire";

export interface StartOptions {
  /** Checkout whose pinned Node and tslab run the kernel. */
  projectRoot: string;
  /** Working directory of the kernel (the notebook's folder, as JupyterLab does). */
  cwd: string;
  kernelName: string;
  startupTimeoutMs?: number;
}

export interface ExecuteOptions {
  timeoutMs: number;
  /** Called for every iopub message that answers this request, in arrival order. */
  onIopub: (message: IopubMessage) => void;
  /** How long to wait for the idle status once the reply is in (tslab may drop it). */
  idleGraceMs?: number;
}

/** What every kernel the executor drives can do; a scripted fake implements it in unit tests. */
export interface ExecutingKernel {
  execute(code: string, options: ExecuteOptions): Promise<ExecuteReplyContent>;
  shutdown(): Promise<void>;
}

interface Pending {
  msgId: string;
  onIopub: (message: IopubMessage) => void;
  reply?: ExecuteReplyContent;
  idle: boolean;
  /** Set when the timeout fired: a late reply then still means "timed out". */
  timedOutAfter?: number;
  settle: () => void;
  fail: (err: Error) => void;
}

const IOPUB_OUTPUT_TYPES = new Set(["stream", "display_data", "update_display_data", "execute_result", "error", "clear_output"]);

export class TslabKernel implements ExecutingKernel {
  private readonly session = randomUUID();
  // linger 0: unsent messages to a kernel that is gone must not hold the process open.
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  // No receive high-water mark: the default (1000) drops iopub messages in output bursts.
  private readonly iopub = new zmq.Subscriber({ receiveHighWaterMark: 0, linger: 0 });
  private readonly replies = new Map<string, (message: JupyterMessage) => void>();
  private pending: Pending | undefined;
  private stderrTail = "";
  private exit: KernelDiedError | undefined;
  private sawIopub = false;
  private closed = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly info: ConnectionInfo,
    private readonly connectionDir: string,
  ) {}

  /**
   * Start `tslab kernel` with a fresh connection file and wait until it
   * answers. A port taken by another process between choosing and binding
   * (EADDRINUSE) is retried with new ports, as a port race is not the
   * notebook's fault.
   */
  static async start(options: StartOptions): Promise<TslabKernel> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await TslabKernel.startOnce(options);
      } catch (err) {
        if (!(err instanceof PortInUseError) || attempt >= 3) throw err;
      }
    }
  }

  private static async startOnce(options: StartOptions): Promise<TslabKernel> {
    const info = await createConnectionInfo(options.kernelName);
    const dir = await mkdtemp(join(tmpdir(), "study-notes-kernel-"));
    const file = join(dir, `kernel-${randomUUID()}.json`);
    await writeFile(file, JSON.stringify(info), { mode: 0o600 });
    const { node, tslab } = kernelCommand(options.projectRoot);
    const child = spawn(node, [tslab, "kernel", "--config-path", file], {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    const kernel = new TslabKernel(child, info, dir);
    kernel.watchProcess();
    kernel.connect();
    try {
      await kernel.waitReady(options.startupTimeoutMs ?? 30_000);
    } catch (err) {
      await kernel.shutdown(true);
      throw err;
    }
    return kernel;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** How the kernel process ended, once it has: code and signal as Node reports them. */
  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    const { exitCode: code, signalCode: signal } = this.child;
    return code === null && signal === null ? undefined : { code, signal };
  }

  private watchProcess(): void {
    const keep = (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    };
    this.child.stderr?.on("data", keep);
    this.child.stdout?.on("data", keep);
    this.child.on("exit", (code, signal) => {
      this.exit = new KernelDiedError(code, signal, this.stderrTail);
      this.pending?.fail(this.exit);
    });
    this.child.on("error", (err) => {
      this.exit = new KernelDiedError(null, null, `could not start the kernel: ${err.message}`);
      this.pending?.fail(this.exit);
    });
  }

  private connect(): void {
    this.shell.connect(endpoint(this.info, this.info.shell_port));
    this.control.connect(endpoint(this.info, this.info.control_port));
    this.iopub.connect(endpoint(this.info, this.info.iopub_port));
    this.iopub.subscribe();
    void this.readLoop(this.shell, (m) => this.onReply(m));
    void this.readLoop(this.control, (m) => this.onReply(m));
    void this.readLoop(this.iopub, (m) => this.onIopub(m));
  }

  private async readLoop(socket: zmq.Dealer | zmq.Subscriber, handle: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = decode(this.info.key, frames);
        } catch {
          continue; // a message we cannot verify is not from our kernel: ignore it, as Jupyter does
        }
        handle(message);
      }
    } catch {
      // the socket was closed during shutdown
    }
  }

  private onReply(message: JupyterMessage): void {
    const parent = message.parent_header.msg_id;
    if (parent) this.replies.get(parent)?.(message);
  }

  private onIopub(message: JupyterMessage): void {
    this.sawIopub = true;
    const pending = this.pending;
    if (!pending || message.parent_header.msg_id !== pending.msgId) return;
    const type = message.header.msg_type;
    if (type === "status") {
      if ((message.content as { execution_state?: string }).execution_state === "idle") {
        pending.idle = true;
        if (pending.reply) pending.settle();
      }
    } else if (IOPUB_OUTPUT_TYPES.has(type)) {
      pending.onIopub({ msg_type: type, content: message.content } as unknown as IopubMessage);
    }
  }

  private async send(socket: zmq.Dealer, msgType: string, content: Record<string, unknown>): Promise<string> {
    const header = makeHeader(msgType, this.session);
    await socket.send(encode(this.info.key, { header, parent_header: {}, metadata: {}, content }));
    return header.msg_id;
  }

  /** Ready = a kernel_info_reply and at least one iopub message (the SUB socket is then joined). */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let replied = false;
    while (!(replied && this.sawIopub)) {
      // tslab does not exit when it cannot bind a port: it only prints the rejection.
      if (this.stderrTail.includes("EADDRINUSE"))
        throw new PortInUseError(`a kernel port was taken before the kernel could bind it:\n${this.stderrTail}`);
      if (this.exit) throw new KernelStartError(`the kernel stopped while starting: ${this.exit.message}`);
      if (Date.now() > deadline)
        throw new KernelStartError(
          `the kernel did not answer within ${timeoutMs / 1000} s${this.stderrTail ? `; stderr:\n${this.stderrTail}` : ""}`,
        );
      const id = await this.send(this.shell, "kernel_info_request", {});
      const got = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 250);
        this.replies.set(id, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      this.replies.delete(id);
      replied ||= got;
      if (replied && !this.sawIopub) await sleep(50);
    }
  }

  /** Run one execute_request; resolves with the reply once its idle status is in too. */
  async execute(code: string, options: ExecuteOptions): Promise<ExecuteReplyContent> {
    if (this.exit) throw this.exit;
    if (this.pending) throw new Error("execute() called while another request is running");
    const header = makeHeader("execute_request", this.session);
    const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    let timer: NodeJS.Timeout | undefined;
    let grace: NodeJS.Timeout | undefined;
    try {
      return await new Promise<ExecuteReplyContent>((resolve, reject) => {
        const pending: Pending = {
          msgId: header.msg_id,
          onIopub: options.onIopub,
          idle: false,
          settle: () => {
            if (!pending.reply) return;
            if (pending.timedOutAfter !== undefined) reject(new CellTimeoutError(pending.timedOutAfter, false));
            else resolve(pending.reply);
          },
          fail: reject,
        };
        this.pending = pending;
        this.replies.set(header.msg_id, (message) => {
          pending.reply = message.content as unknown as ExecuteReplyContent;
          if (pending.idle) pending.settle();
          else grace = setTimeout(() => pending.settle(), options.idleGraceMs ?? 2000);
        });
        timer = setTimeout(() => void this.onTimeout(pending, options.timeoutMs), options.timeoutMs);
        this.shell.send(encode(this.info.key, { header, parent_header: {}, metadata: {}, content })).catch(reject);
      });
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      this.replies.delete(header.msg_id);
      this.pending = undefined;
    }
  }

  /** SIGINT first (tslab stops a synchronous loop on it); SIGKILL if no reply follows. */
  private async onTimeout(pending: Pending, timeoutMs: number): Promise<void> {
    pending.timedOutAfter = timeoutMs;
    this.child.kill("SIGINT");
    await sleep(2000);
    if (this.pending !== pending) return; // the reply came: settle() reported the timeout
    this.child.kill("SIGKILL");
    pending.fail(new CellTimeoutError(timeoutMs, true));
  }

  /**
   * Shut down politely (shutdown_request), then SIGTERM, then SIGKILL; always
   * closes sockets. With the tslab patch the kernel exits ~30 ms after its
   * shutdown_reply; the signals are for kernels stuck in a cell or with
   * timers pending. `kill` skips the request (a kernel that never started).
   */
  async shutdown(kill = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    const within = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);
    try {
      if (!this.exit && !kill) {
        const id = await this.send(this.control, "shutdown_request", { restart: false }).catch(() => undefined);
        if (id) {
          // tslab exits right after replying and the reply can be lost with it: stop waiting at exit too.
          await Promise.race([new Promise<void>((resolve) => this.replies.set(id, () => resolve())), exited, sleep(1000)]);
          this.replies.delete(id);
        }
      }
      if (!this.exit && !(await within(kill ? 0 : 300))) {
        this.child.kill("SIGTERM");
        if (!(await within(2000))) {
          this.child.kill("SIGKILL");
          await within(2000);
        }
      }
    } finally {
      for (const socket of [this.shell, this.control, this.iopub]) socket.close();
      await rm(this.connectionDir, { recursive: true, force: true });
    }
  }
}

/** A timer that does not keep the process alive: races in shutdown() must not delay exit. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
