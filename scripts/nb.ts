/** Entry point of `npm run nb|run|check`: see src/runner/cli.ts. */
import { fileURLToPath } from "node:url";
import { main } from "../src/runner/cli";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  // First Ctrl-C: stop cleanly (kernels shut down, no file written). Second: leave now.
  if (++interrupts > 1) process.exit(130);
  process.stderr.write("\nnb: interrupted; shutting kernels down, no notebook is written\n");
  controller.abort();
});

// `nb run … | head`: a reader that stops reading must not crash the run (the work still finishes).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  projectRoot,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
