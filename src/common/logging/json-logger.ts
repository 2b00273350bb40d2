import { LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * One JSON object per line on stdout. Callers log ids, codes and counts only:
 * names, addresses and free text of case records never go to application logs.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level | 'silent' = 'info', private readonly service = 'api') {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) or (message, context).
    const ctx = context ?? (traceOrContext && !traceOrContext.includes('\n') ? traceOrContext : undefined);
    const stack = context ? traceOrContext : traceOrContext?.includes('\n') ? traceOrContext : undefined;
    this.write('error', message, ctx, stack ? { stack } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  /** Structured entry: `fields` must hold identifiers and measurements only. */
  event(level: Level, msg: string, fields: Record<string, unknown>): void {
    this.write(level, msg, undefined, fields);
  }

  private write(level: Level, message: unknown, context?: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: this.service };
    if (context) entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (fields) Object.assign(entry, fields);
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}
