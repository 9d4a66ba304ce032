/**
 * The tutor's static files, served by the worker itself (no build step, no
 * asset store): one script, one stylesheet, one icon. Each URL carries a hash
 * of its content, so browsers may cache them for a year and a deploy still
 * reaches them at once. The script is plain browser JavaScript kept as string
 * modules in ./client, concatenated inside one IIFE with the dictionary.
 */
import { DICTIONARY } from './i18n';
import { CORE_JS } from './client/core';
import { FORMS_JS } from './client/answer-forms';
import { ORDERING_JS } from './client/ordering';
import { PRACTICE_JS } from './client/practice';
import { QUESTION_JS } from './client/question';
import { LAB_JS } from './client/lab';
import { FLOWS_JS } from './client/flows';
import { PROGRESS_JS } from './client/progress';
import { STYLES_CSS } from './styles';

const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b4f8a"/>'
  + '<path d="M7 11h18M7 21h18M11 7v18M21 7v18" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>';

const APP_JS = [
  '(function () {',
  "'use strict';",
  `var DICT = ${JSON.stringify(DICTIONARY)};`,
  CORE_JS, FORMS_JS, ORDERING_JS, PRACTICE_JS, QUESTION_JS, LAB_JS, FLOWS_JS, PROGRESS_JS,
  'boot();',
  '})();',
].join('\n');

/** FNV-1a, 32 bits: enough to tell two versions of a file apart in its URL. */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export interface Asset {
  path: string;
  type: string;
  body: string;
}

const asset = (name: string, ext: string, type: string, body: string): Asset => ({ path: `/ui/${name}.${contentHash(body)}.${ext}`, type, body });

export const ASSETS = {
  js: asset('app', 'js', 'text/javascript; charset=utf-8', APP_JS),
  css: asset('app', 'css', 'text/css; charset=utf-8', STYLES_CSS),
  icon: asset('icon', 'svg', 'image/svg+xml', ICON_SVG),
} as const;

const byPath = new Map<string, Asset>(Object.values(ASSETS).map((a) => [a.path, a]));

export const assetAt = (path: string): Asset | undefined => byPath.get(path);
