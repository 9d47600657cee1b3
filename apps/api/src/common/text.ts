/** Escapes LIKE's wildcards so that user text matches itself (use with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** class-transformer: trims strings, leaves anything else for the validators to refuse. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
