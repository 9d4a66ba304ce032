/**
 * Checking that a webhook really comes from its platform, with WebCrypto only:
 * a shared secret (Telegram), HMAC-SHA256 (Slack), Ed25519 (Discord) and the
 * SHA-1 signature of WeChat. Every comparison is constant-time.
 */
import { sha256Hex, timingSafeEqual } from '../auth/api-key';

const encoder = new TextEncoder();

export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export const bytesToHex = (bytes: ArrayBuffer | Uint8Array): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Equal secrets, compared as digests so neither the length nor a prefix leaks. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  return timingSafeEqual(await sha256Hex(given), await sha256Hex(expected));
}

export async function sha1Hex(text: string): Promise<string> {
  return bytesToHex(await crypto.subtle.digest('SHA-1', encoder.encode(text)));
}

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return bytesToHex(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

// Importing a key costs more than verifying with it; a Discord app has one public key.
const ed25519Keys = new Map<string, Promise<CryptoKey>>();

/** Whether `signatureHex` is the Ed25519 signature of `message` under `publicKeyHex`. */
export async function verifyEd25519(publicKeyHex: string, signatureHex: string, message: string): Promise<boolean> {
  const publicKey = hexToBytes(publicKeyHex);
  const signature = hexToBytes(signatureHex);
  if (!publicKey || publicKey.length !== 32 || !signature || signature.length !== 64) return false;
  let key = ed25519Keys.get(publicKeyHex);
  if (!key) {
    key = crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    ed25519Keys.set(publicKeyHex, key);
  }
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, await key, signature, encoder.encode(message));
  } catch {
    return false;
  }
}
