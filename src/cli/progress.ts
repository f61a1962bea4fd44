import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar and prints a line (the next phase). */
  note(message: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, note() {}, stop() {} };

/** A progress bar on stderr (files, rate, ETA) when it is a terminal; silent otherwise. */
export function createProgress(enabled: boolean): Progress {
  if (!enabled) return SILENT;
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      format: 'reading |{bar}| {value}/{total} files | {rate} files/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    update(done, total) {
      const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
      if (running) bar.update(done, { rate });
      else {
        bar.start(total, done, { rate });
        running = true;
      }
    },
    note(message) {
      stop();
      process.stderr.write(`${message}\n`);
    },
    stop,
  };
}
