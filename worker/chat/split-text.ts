/** Cutting a long reply into pieces a channel accepts, at line ends where possible. */

export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** Pieces of at most `max` units as `measure` counts them (characters by default, or UTF-8 bytes). */
export function splitText(text: string, max: number, measure: (s: string) => number = (s) => s.length): string[] {
  if (measure(text) <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current) pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (measure(joined) <= max) {
      current = joined;
      continue;
    }
    flush();
    if (measure(line) <= max) {
      current = line;
      continue;
    }
    // A line longer than a piece: cut it by code points.
    for (const ch of line) {
      if (measure(current + ch) > max) flush();
      current += ch;
    }
  }
  flush();
  return pieces;
}
