/**
 * `npm run kernel:install` / `kernel:uninstall`: register this checkout's
 * tslab (on its pinned Node) as the Jupyter kernel "study-notes-ts".
 *   --user (default)  the user's Jupyter data dir (JUPYTER_DATA_DIR honoured)
 *   --prefix DIR      DIR/share/jupyter/kernels, like `jupyter kernelspec install --prefix`
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { installKernelSpec, uninstallKernelSpec, KERNEL_DISPLAY_NAME, type InstallTarget } from "../src/kernel/kernelspec";
import { KERNEL_NAME } from "../src/notebook/types";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const usage = "usage: kernel <install|uninstall> [--user | --prefix DIR]";

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { user: { type: "boolean", default: false }, prefix: { type: "string" } },
    });
  } catch (err) {
    console.error(`kernel: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.user && values.prefix) {
    console.error(`kernel: --user and --prefix exclude each other\n${usage}`);
    return 2;
  }
  const target: InstallTarget = values.prefix ? { kind: "prefix", prefix: values.prefix } : { kind: "user" };
  switch (positionals[0]) {
    case "install": {
      const dir = await installKernelSpec(projectRoot, target);
      console.log(`Installed kernelspec ${KERNEL_NAME} ("${KERNEL_DISPLAY_NAME}") in ${dir}`);
      return 0;
    }
    case "uninstall": {
      const dir = await uninstallKernelSpec(target);
      console.log(
        dir ? `Removed kernelspec ${KERNEL_NAME} from ${dir}` : `Kernelspec ${KERNEL_NAME} was not installed there; nothing to do`,
      );
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`kernel: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
