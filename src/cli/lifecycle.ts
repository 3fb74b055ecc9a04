// Long-running commands stop cleanly on SIGINT/SIGTERM: the agent flushes its spool state and the
// server finishes in-flight requests before the process exits.
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`palisade: ${signal}, stopping…\n`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`palisade: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
