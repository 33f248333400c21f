/**
 * Logs never hold a full ID number (design rule 5). Installed once in the server process
 * (scripts/serve.ts): every console line passes scrubText, and database errors lose the
 * parameters drizzle and postgres.js attach to them (a searched ID number, a pushed body).
 */
import { formatWithOptions } from 'node:util';
import { scrubText } from '@/lib/disclosure';

/** drizzle's "Failed query: …\nparams: …" and similar parameter dumps, up to the end of their line. */
const PARAMS_LINE = /^(\s*(?:params|parameters)\s*[:=]).*$/gim;

export function scrubLogText(text: string): string {
  return scrubText(text.replace(PARAMS_LINE, '$1 [omitted]'));
}

/** An error as it may be logged: message and stack without parameters, no attached query values, causes likewise. */
function sanitizeError(err: Error, depth = 0): Error {
  const copy = new Error(scrubLogText(err.message));
  copy.name = err.name;
  copy.stack = err.stack ? scrubLogText(err.stack) : undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  const digest = (err as { digest?: unknown }).digest;
  if (typeof digest === 'string') Object.assign(copy, { digest });
  if (err.cause instanceof Error && depth < 3) copy.cause = sanitizeError(err.cause, depth + 1);
  return copy;
}

let installed = false;

export function installLogScrubbing(): void {
  if (installed) return;
  installed = true;
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const safe = args.map((a) => (a instanceof Error ? sanitizeError(a) : a));
      original(scrubLogText(formatWithOptions({ colors: false, depth: 4 }, ...safe)));
    };
  }
}
