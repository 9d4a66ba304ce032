/**
 * The client script and the dictionary, checked without a browser (so these
 * run even where Chromium is missing): the script parses, and every string
 * key the script or a page uses exists in English and in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { families } from '../../content/index';
import { ASSETS } from '../../worker/ui/assets';
import { DICTIONARY } from '../../worker/ui/i18n';
import { uiRoutes } from '../../worker/ui/routes';

const script = ASSETS.js.body;
const prefixes = new Set(Object.keys(DICTIONARY.en).map((k) => k.split('.')[0]!));

describe('the client script and its strings', () => {
  it('parses as one script, with no inline handlers to wire', () => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/\.innerHTML\s*=|document\.write|\beval\(/);
  });

  it('has every string in both languages', () => {
    expect(Object.keys(DICTIONARY.zh).sort()).toEqual(Object.keys(DICTIONARY.en).sort());
    for (const lang of ['en', 'zh'] as const) for (const [key, text] of Object.entries(DICTIONARY[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('uses only keys the dictionary has, including the ones it builds from API values', () => {
    const literal = [...script.matchAll(/'([a-z]+\.[A-Za-z0-9.-]+)'/g)].map((m) => m[1]!).filter((k) => prefixes.has(k.split('.')[0]!));
    expect(literal.length).toBeGreaterThan(50);
    for (const key of literal) expect(DICTIONARY.en, key).toHaveProperty([key]);
    const built = [
      ...['new', 'due', 'practice'].map((r) => `reason.${r}`),
      ...[...new Set(families().map((f) => f.kind))].map((k) => `kind.${k}`),
      ...['again', 'hard', 'good', 'easy'].map((r) => `rating.${r}`),
      ...['correct', 'partial', 'wrong', 'missing', 'extra'].map((v) => `verdict.${v}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `flow.${n}`),
    ];
    for (const key of built) expect(DICTIONARY.zh, key).toHaveProperty([key]);
  });

  it('renders pages whose data-i18n keys all exist', async () => {
    for (const path of ['/', '/flows', '/lab', '/progress']) {
      const html = await (await uiRoutes.request(path)).text();
      const keys = [...html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)].map((m) => m[1]!);
      expect(keys.length).toBeGreaterThan(5);
      for (const key of keys) expect(DICTIONARY.en, `${path}: ${key}`).toHaveProperty([key]);
    }
  });
});
