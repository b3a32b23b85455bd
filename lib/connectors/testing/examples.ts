// Test support: the shared Azure REST examples (verbatim copies of azure-rest-api-specs x-ms-examples).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The copies kept in the repository (see azure-rest-examples/PROVENANCE.md): tests read nothing outside it. */
export const EXAMPLES_DIR = fileURLToPath(new URL('./azure-rest-examples', import.meta.url));

export function readExample(path: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, path), 'utf8')) as unknown;
}

/** The 200 body of an x-ms-examples file. */
export function exampleBody(path: string): unknown {
  const file = readExample(path) as { responses: Record<string, { body?: unknown }> };
  return file.responses['200']?.body;
}

/** The `value` items of an x-ms-examples list file. */
export function exampleItems(path: string): unknown[] {
  return (exampleBody(path) as { value: unknown[] }).value;
}

export function listExampleFiles(dir = EXAMPLES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listExampleFiles(full);
    return name.endsWith('.json') ? [relative(EXAMPLES_DIR, full)] : [];
  });
}
