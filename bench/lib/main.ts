/**
 * What a bench command has started (servers, child processes, clients), to
 * be stopped in reverse order however the command ends: done, failed, over
 * its deadline, or interrupted.
 */
export const cleanups: Array<() => unknown> = [];

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup: ${String(error)}\n`);
    }
  }
  cleanups.length = 0;
}

/**
 * Runs a bench command's `main` to completion and exits with its code
 * (0 when it answers nothing): 1 when it throws, 2 past `deadlineSeconds`,
 * 130 on SIGINT/SIGTERM. Cleans up in every case, so a long run never leaves
 * a redis-server or an API process behind.
 */
export function runBench(name: string, main: () => Promise<number | void>, deadlineSeconds: number): void {
  const deadline = setTimeout(() => {
    process.stderr.write(`${name}: over its ${deadlineSeconds} s deadline; stopping\n`);
    void cleanUp().finally(() => process.exit(2));
  }, deadlineSeconds * 1_000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  main()
    .then(async (code) => {
      clearTimeout(deadline);
      await cleanUp();
      process.exit(code ?? 0);
    })
    .catch(async (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      clearTimeout(deadline);
      await cleanUp();
      process.exit(1);
    });
}
