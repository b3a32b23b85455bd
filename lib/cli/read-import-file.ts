// Reads the file `posture import` was given. Only a regular file is read — never through a symbolic link (a
// link to a system file is refused, not followed), never a device, FIFO or directory — and at most
// MAX_IMPORT_BYTES. Errors say where and what kind of problem, and never echo the file's contents: JSON.parse's
// own message quotes the text around the error, which for a file that is not JSON is whatever it holds.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export async function readImportFile(file: string, maxBytes = MAX_IMPORT_BYTES): Promise<unknown> {
  let handle;
  try {
    // O_NOFOLLOW: the check and the read are one step, so the path cannot be swapped for a link in between.
    // O_NONBLOCK: opening a FIFO must not hang before fstat can refuse it.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file'
      : code === 'ELOOP' ? 'it is a symbolic link; pass the file it points to'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'it is a directory'
      : `it cannot be opened (${code ?? 'unknown error'})`;
    throw new ImportFileError(`Cannot read ${file}: ${why}. Nothing was imported.`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImportFileError(`Cannot read ${file}: it is not a regular file. Nothing was imported.`);
    if (stat.size > maxBytes) throw new ImportFileError(`Cannot read ${file}: it is ${stat.size} bytes, over the limit of ${maxBytes}. Nothing was imported.`);
    const text = await handle.readFile('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ImportFileError(`${file} is not valid JSON (${jsonErrorPlace(text, e)}). Nothing was imported.`);
    }
  } finally {
    await handle.close();
  }
}

/** Where a JSON.parse error is, as "line L, column C", found from V8's message; never text from the file. */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/Unexpected end of JSON input/i.test(message) || text.trim() === '') return 'it ends before the JSON does';
  const position = errorPosition(text, message);
  if (position === null) return 'a syntax error';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `syntax error at line ${line}, column ${column}`;
}

// V8 says either "… at position N", or quotes up to 10 characters either side of the error:
// `Unexpected token 'T', ..."e": [\n    TOP-SECRET"... is not valid JSON` (a leading "..." when it cut the start).
const CONTEXT_CHARS = 10;
function errorPosition(text: string, message: string): number | null {
  const at = /position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return Number(at);
  const quoted = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!quoted) return null;
  const [, token = '', cut, context = ''] = quoted;
  const start = text.indexOf(context);
  if (start < 0) return null;
  return start + (cut ? CONTEXT_CHARS : Math.max(0, context.indexOf(token)));
}
