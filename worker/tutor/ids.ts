/** Identifiers minted by the tutor: UUIDs for rows, short random seeds for questions. */
export const newId = (): string => crypto.randomUUID();

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 12 base-36 characters (about 62 bits): the seed a question is built from. */
export function newSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = '';
  for (const b of bytes) s += ALPHABET[b % 36];
  return s;
}
