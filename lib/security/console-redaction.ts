// Next and libraries write to console.error/warn directly (Next prints a thrown render error with its stack).
// Routed through the structured logger instead: one JSON line, errors reduced to name, message and digest,
// secrets redacted. Installed once per server process from instrumentation.ts.
import { logger, type Logger } from './logger';
import { redact } from './redact';

const INSTALLED = Symbol.for('aks-posture.console-redaction');

function describe(args: unknown[]): Record<string, unknown> {
  const text: string[] = [];
  const errors: unknown[] = [];
  for (const a of args) {
    if (a instanceof Error) {
      const digest = (a as Error & { digest?: unknown }).digest;
      errors.push({ ...(redact(a) as Record<string, unknown>), ...(typeof digest === 'string' ? { digest } : {}) });
    } else if (typeof a === 'string') text.push(a);
    else text.push(JSON.stringify(redact(a)) ?? String(a));
  }
  // Strip stack-trace lines a library may have formatted into the message text itself.
  const message = text.join(' ').split('\n').filter((line) => !/^\s+at\s/.test(line)).join('\n').slice(0, 2000);
  return { message, ...(errors.length ? { errors } : {}) };
}

export function installConsoleRedaction(target: Pick<Console, 'error' | 'warn'> = console, log: Logger = logger): void {
  const holder = target as unknown as Record<symbol, boolean>;
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  target.error = (...args: unknown[]) => log.error('console.error', describe(args));
  target.warn = (...args: unknown[]) => log.warn('console.warn', describe(args));
}
