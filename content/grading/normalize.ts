/**
 * What counts as the same answer: case and spacing never matter; an address
 * may carry `/32`; a MAC may use dashes or capitals; full-width characters
 * typed on a Chinese keyboard are folded to ASCII.
 */

/** Full-width ASCII (，：；（）０-９ａ-ｚ) to half-width, ideographic space to space. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function squash(text: string): string {
  return foldWidth(text).trim().replace(/\s+/g, ' ');
}

export function sameText(given: string, expected: string): boolean {
  return squash(given).toLowerCase() === squash(expected).toLowerCase();
}

/** "203.0.113.5" and "203.0.113.5/32" are the same host address. */
export function sameIp(given: string, expected: string): boolean {
  const g = squash(given).replace(/\/32$/, '');
  const e = squash(expected).replace(/\/32$/, '');
  return g === e;
}

export function sameMac(given: string, expected: string): boolean {
  return squash(given).toLowerCase().replace(/-/g, ':') === expected.toLowerCase();
}

export function sameNumber(given: string, expected: string | number): boolean {
  const g = squash(given).replace(/[^\d.-]/g, '');
  return g !== '' && Number(g) === Number(expected);
}

/** Paths compare without a trailing slash or a leading `cat `. */
export function samePath(given: string, expected: string): boolean {
  const clean = (p: string) => squash(p).replace(/^cat\s+/, '').replace(/\/+$/, '');
  return clean(given) === clean(expected);
}

export type ValueType = 'text' | 'device' | 'ip' | 'cidr' | 'mac' | 'number' | 'path' | 'command';

export function sameValue(type: ValueType, given: string, expected: string): boolean {
  switch (type) {
    case 'ip': return sameIp(given, expected);
    case 'mac': return sameMac(given, expected);
    case 'number': return sameNumber(given, expected);
    case 'path': return samePath(given, expected);
    // Device names are case-sensitive in Linux, but nobody types them in capitals by intent.
    default: return sameText(given, expected);
  }
}

/** Lines of an answer: blank lines, prompts ("# ", "$ ") and surrounding spaces dropped. */
export function answerLines(text: string): string[] {
  return foldWidth(text)
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[$#]\s+/, ''))
    .filter((l) => l.length > 0);
}
