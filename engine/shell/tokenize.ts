/**
 * POSIX-shell word splitting for one command line: single and double quotes,
 * backslash escapes, `#` comments. No expansion, no pipes: the emulator runs
 * one command per line.
 */
import { ClientError } from '../core/errors.js';

export const MAX_LINE_LENGTH = 4000;

export function tokenize(line: string): string[] {
  if (line.length > MAX_LINE_LENGTH) throw new ClientError(`line too long (${line.length} characters, at most ${MAX_LINE_LENGTH})`, 2);
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new ClientError(`unexpected EOF while looking for matching \`${quote}'`, 2);
  if (inWord) words.push(word);
  return words;
}
