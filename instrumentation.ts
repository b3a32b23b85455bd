// Next's instrumentation hook: runs once when a server process starts. It reroutes console.error/warn through
// the redacting structured logger, so a thrown error never lands in the log with its stack or a secret.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installConsoleRedaction } = await import('./lib/security/console-redaction');
    installConsoleRedaction();
  }
}
