// Structured logs: one JSON object per line on stdout/stderr, every field passed through redaction. Use
// `logger.error('event.name', { error })` — the error keeps its name and message, never its stack.
import { redact } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSink {
  write(level: LogLevel, line: string): void;
}

const consoleSink: LogSink = {
  write(level, line) {
    if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  },
};

function currentLevel(): LogLevel {
  const v = process.env.LOG_LEVEL;
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : 'info';
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(options: { sink?: LogSink; level?: () => LogLevel; base?: Record<string, unknown> } = {}): Logger {
  const sink = options.sink ?? consoleSink;
  const level = options.level ?? currentLevel;
  const emit = (l: LogLevel, event: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(l) < LOG_LEVELS.indexOf(level())) return;
    const body = redact({ ...options.base, ...fields }) as Record<string, unknown>;
    sink.write(l, JSON.stringify({ time: new Date().toISOString(), level: l, event, ...body }));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
}

export const logger: Logger = createLogger();
