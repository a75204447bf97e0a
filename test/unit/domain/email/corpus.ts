import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { CORPORA_DIR, corporaPresent, corpusPath } from '../../../support/corpora';

// Found through test/support/corpora.ts (HELPDESK_CORPORA_DIR points elsewhere, e.g. at an unpacked held-out set).
export const CORPORA = CORPORA_DIR;
export const EMAIL = corpusPath('email');

export function corpusFile(...parts: string[]): Buffer {
  return readFileSync(path.join(EMAIL, ...parts));
}

export function corpusJson<T = any>(...parts: string[]): T {
  return JSON.parse(corpusFile(...parts).toString('utf8')) as T;
}

/** The files of a corpus folder; none without the corpora (their suites are skipped then). */
export function corpusFiles(dir: string, extension: RegExp): string[] {
  if (!corporaPresent) return [];
  return readdirSync(path.join(EMAIL, dir)).filter((f) => extension.test(f)).sort();
}

/** Every raw mail of the corpus, for checks that must hold for all of them. */
export function allMails(): { name: string; raw: Buffer }[] {
  return [
    ...corpusFiles('zammad', /\.box$/).map((f) => ({ name: `zammad/${f}`, raw: corpusFile('zammad', f) })),
    ...corpusFiles('chatwoot', /\.eml$/).map((f) => ({ name: `chatwoot/${f}`, raw: corpusFile('chatwoot', f) })),
  ];
}

/**
 * Text content of HTML for loose comparison: no tags, no script/style, entities decoded.
 * Deliberately independent of the code under test (htmlToText), so a converter bug cannot
 * hide on both sides of a comparison.
 */
export function textContent(html: string): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'noscript', 'textarea', 'option'] });
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Whitespace (including no-break and zero-width spaces) removed, for layout-blind comparison. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, '');
}
