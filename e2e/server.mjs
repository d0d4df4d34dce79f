// Starts the real habitflow binary on a free port with a fresh SQLite database.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/// `before(folder, env)` runs in the server's folder before it starts (e.g. demo data).
export async function startServer({ before } = {}) {
  const binary = process.env.HABITFLOW_BIN;
  if (!binary) throw new Error("set HABITFLOW_BIN to the habitflow binary");
  const folder = mkdtempSync(join(tmpdir(), "habitflow-e2e-"));
  const port = await freePort();
  const env = { PATH: process.env.PATH, HABITFLOW_BIND: `127.0.0.1:${port}`, HABITFLOW_QUOTES_URL: "", RUST_LOG: "warn" };
  if (before) await before(folder, env);
  const child = spawn(binary, ["serve"], { cwd: folder, env, stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const response = await fetch(`${url}/healthz/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
