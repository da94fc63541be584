/**
 * Connection files (Jupyter's `kernel-<id>.json`): five free loopback ports
 * and a random HMAC-SHA256 key. tslab drops every message when the key is
 * empty, so a key is always generated.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** Ask the OS for a free TCP port on `host` (bind to 0, read, close). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not read the port the OS chose"));
      });
    });
  });
}

/**
 * Ports this process has handed out. The OS may return a just-closed port
 * again, so kernels started at the same time could otherwise be given the
 * same port (seen with --jobs 3: the second kernel fails with EADDRINUSE).
 */
const handedOut = new Set<number>();

/** A fresh connection description with five distinct free ports, none handed out before by this process. */
export async function createConnectionInfo(kernelName: string, ip = "127.0.0.1"): Promise<ConnectionInfo> {
  const ports = new Set<number>();
  while (ports.size < 5) {
    const port = await freePort(ip);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    ports.add(port);
  }
  const [shell, iopub, stdin, control, hb] = [...ports] as [number, number, number, number, number];
  return {
    transport: "tcp",
    ip,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
}

/** The ZeroMQ endpoint of one channel. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
