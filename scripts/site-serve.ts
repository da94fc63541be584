/** `npm run preview [-- --dir dist --port 4321]`: serve the built site on 127.0.0.1. */
import { parseArgs } from "node:util";
import { startServer } from "./site-server";

const { values } = parseArgs({ options: { dir: { type: "string", default: "dist" }, port: { type: "string", default: "4321" } } });
const server = await startServer(values.dir, Number(values.port));
console.log(`serving ${values.dir} at ${server.url}/ (Ctrl-C to stop)`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
