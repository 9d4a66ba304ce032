/**
 * API keys: `st_` + 32 random bytes in base64url. Only their SHA-256 is
 * stored, so a leaked database does not leak keys; looking a key up by its
 * hash is an index probe on a value an attacker cannot steer, and the final
 * comparison is constant-time anyway.
 */
const PREFIX = 'st_';
const KEY_SHAPE = /^st_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function newApiKey(): string {
  return PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Whether a presented token could be one of our keys at all (saves a database probe on garbage). */
export function looksLikeApiKey(token: string): boolean {
  return KEY_SHAPE.test(token);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a learner sees of a key after creation: enough to tell keys apart, never enough to use one. */
export function displayPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 6);
}

/** Constant-time equality of two strings of equal length (hex digests). */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
