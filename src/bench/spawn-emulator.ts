import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/routing-gitops.js', import.meta.url));

/** Starts `routing-gitops emulator` as its own process, so its memory does not count against the measured code. */
export async function spawnEmulator(
  args: string[],
): Promise<{ url: string; child: ChildProcess; stop(): void }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /^listening on (http:\/\/\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { url, child, stop: () => void child.kill('SIGTERM') };
}
