/** Background loops of the server process (search sync, mail): one round at a time, errors logged and retried. */

/** The first line of an error, at most 300 characters: what a log line may carry. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').trim().slice(0, 300) || 'unknown error';
}

export type PollingLoop = {
  /** Runs a round now unless one is running (which will see the new work anyway). */
  wake(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Runs `round` every `intervalMs` after the previous round ended, until stopped. A round
 * that throws is logged (`label`, first line only) and the loop goes on.
 */
export function startPollingLoop(
  round: () => Promise<void>,
  opts: { intervalMs: number; label: string; log: (line: string) => void },
): PollingLoop {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const safeRound = async () => {
    try {
      await round();
    } catch (err) {
      opts.log(`${opts.label} round failed: ${firstLine(err)}`);
    }
  };
  const schedule = () => {
    // unref: a loop never keeps a process alive on its own.
    if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
  };
  const tick = () => {
    running = safeRound().finally(() => {
      running = null;
      schedule();
    });
  };
  schedule();

  return {
    wake() {
      if (running || stopped) return running ?? Promise.resolve();
      clearTimeout(timer);
      tick();
      return running ?? Promise.resolve();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
