import { ValidatorFn } from '@angular/forms';
import { MAX_REDIRECT_URIS, redirectUriProblem } from '@latchkey/contracts';

/**
 * A list of redirect URIs typed one per line in a text area: the lines, the list the API takes,
 * the rule's problems worded by line, and the API's own messages told by line too.
 */

/** A URI as typed, and its line (1-based); empty lines are skipped but keep their numbers. */
export interface UriLine {
  uri: string;
  line: number;
}

export function uriLines(text: string): UriLine[] {
  return text
    .split(/\r?\n/)
    .map((typed, index) => ({ uri: typed.trim(), line: index + 1 }))
    .filter(({ uri }) => uri !== '');
}

/** What the API is sent: the lines' URIs, in order. */
export function uriList(text: string): string[] {
  return uriLines(text).map(({ uri }) => uri);
}

/** The lines of a list of URIs, for the text area. */
export function uriText(uris: readonly string[]): string {
  return uris.join('\n');
}

/**
 * Every problem of the lines in words, each naming its line ("Line 2 must use https (http only
 * for localhost)."), by the rule the API checks (`redirectUriProblem`); empty when all is well.
 */
export function uriLinesProblems(text: string, required: boolean): string[] {
  const lines = uriLines(text);
  if (lines.length === 0) {
    return required ? ['Enter at least one redirect URI.'] : [];
  }
  const problems: string[] = [];
  if (lines.length > MAX_REDIRECT_URIS) {
    problems.push(`Enter at most ${MAX_REDIRECT_URIS} URIs; there are ${lines.length}.`);
  }
  const seen = new Map<string, number>();
  for (const { uri, line } of lines) {
    const problem = redirectUriProblem(uri);
    const first = seen.get(uri);
    if (problem) {
      problems.push(`Line ${line} ${problem}.`);
    } else if (first !== undefined) {
      problems.push(`Line ${line} repeats line ${first}.`);
    } else {
      seen.set(uri, line);
    }
  }
  return problems;
}

/** The text area's validator: `{ uris: 'Line 2 …' }` while a line breaks the rule. */
export function uriLinesValidator(required: boolean): ValidatorFn {
  return (control) => {
    const problems = uriLinesProblems(String(control.value ?? ''), required);
    return problems.length > 0 ? { uris: problems.join(' ') } : null;
  };
}

/**
 * The API's message about a list, told by the line it came from: "redirectUris[1] must use https"
 * → "Line 3 must use https" when the second URI was typed on line 3. Other messages stay.
 */
export function apiMessageByLine(message: string, field: string, text: string): string {
  const lines = uriLines(text);
  const prefix = new RegExp(`^${field}\\[(\\d+)\\]`);
  return message.replace(prefix, (whole, index: string) => {
    const line = lines[Number(index)]?.line;
    return line === undefined ? whole : `Line ${line}`;
  });
}
