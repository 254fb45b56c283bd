/** Progress for the demo: a spinner line on a terminal, plain lines elsewhere (CI, pipes). */
export interface Progress {
  step(text: string): void;
  done(text?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(write: (text: string) => void, isTTY: boolean): Progress {
  let current: string | undefined;
  let started = 0;
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  const finish = (text?: string): void => {
    if (current === undefined) return;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (timer) clearInterval(timer);
    timer = undefined;
    write(
      isTTY
        ? `\r\u001b[2K✔ ${text ?? current} (${seconds} s)\n`
        : `  done in ${seconds} s${text ? `: ${text}` : ''}\n`,
    );
    current = undefined;
  };
  return {
    step(text) {
      finish();
      current = text;
      started = performance.now();
      if (!isTTY) {
        write(`- ${text}\n`);
        return;
      }
      write(`${FRAMES[0]} ${text}`);
      timer = setInterval(() => {
        frame = (frame + 1) % FRAMES.length;
        write(`\r\u001b[2K${FRAMES[frame]} ${text}`);
      }, 80);
      timer.unref();
    },
    done: finish,
  };
}
