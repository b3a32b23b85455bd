// A LIKE/ILIKE pattern matching `text` anywhere, with LIKE's own wildcards (and the escape character) taken literally,
// so a search for "50%" or "a_b" means what the person typed.
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
