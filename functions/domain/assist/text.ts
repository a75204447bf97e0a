/**
 * Text tools of the offline assistant and the search index: tokens, an English stemmer, stop
 * words and a cheap language guess. Pure and dependency-free.
 */

const STOP_EN = new Set(
  ('a an and are as at be been but by can could do does did for from had has have he her his how i if in into is it its '
  + 'me my no not of on or our she so than that the their them then there these they this those to too up us was we were '
  + 'what when where which who why will with would you your yours am any all also just get got hi hello please thanks thank')
    .split(' '),
);

/**
 * A light Porter-style stemmer for English: plural, past and -ing endings and the common
 * derivational suffixes, so "printers", "printing" and "printed" meet at "print". Not the full
 * Porter algorithm: good enough for ranking and classification, and it never grows a word.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const [suffix, min] of [['ingly', 4], ['edly', 4], ['ing', 3], ['ed', 3]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  for (const [suffix, replacement] of [
    ['ational', 'ate'], ['ization', 'ize'], ['fulness', 'ful'], ['iveness', 'ive'], ['ousness', 'ous'], ['ation', 'ate'],
    ['ement', ''], ['ment', ''], ['ness', ''], ['able', ''], ['ible', ''], ['ful', ''], ['ly', ''], ['er', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Lower-case words of letters and digits (Unicode), accents kept. */
export function words(text: string): string[] {
  return text.toLocaleLowerCase().normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.map((w) => w.replace(/['’-]+$/, '')) ?? [];
}

/** Tokens for matching: words without stop words, stemmed, at most 40 characters. */
export function tokens(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_EN.has(w) && w.length > 1 && w.length <= 40)
    .map((w) => stem(w.replace(/['’]s$/, '')));
}

/** MiniSearch's term processing: the same stemming, stop words out. */
export function processTerm(term: string): string | null {
  const w = term.toLocaleLowerCase();
  if (STOP_EN.has(w) || w.length <= 1) return null;
  return stem(w);
}

const STOPWORDS_BY_LANGUAGE: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'to', 'of', 'it', 'my', 'not', 'with', 'have', 'this', 'you', 'for', 'in', 'i', 'can', 'please'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'mit', 'ein', 'eine', 'zu', 'auf', 'bitte', 'mein', 'es', 'kann'],
  fr: ['le', 'la', 'les', 'et', 'est', 'pas', 'je', 'une', 'un', 'de', 'des', 'pour', 'mon', 'ne', 'avec', 'merci'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'no', 'que', 'de', 'una', 'un', 'por', 'para', 'mi', 'con', 'gracias'],
  it: ['il', 'lo', 'gli', 'e', 'è', 'non', 'che', 'di', 'una', 'un', 'per', 'mio', 'con', 'sono', 'grazie'],
  nl: ['de', 'het', 'een', 'en', 'is', 'niet', 'ik', 'met', 'van', 'op', 'mijn', 'dat', 'voor', 'bedankt'],
  pt: ['o', 'os', 'as', 'e', 'é', 'não', 'que', 'de', 'uma', 'um', 'para', 'meu', 'com', 'obrigado', 'por'],
};

/**
 * A cheap language guess by stop words (ISO 639-1), `und` when the text is too short or no
 * language stands out. Enough to route or to pick a reply language, not a linguist.
 */
export function detectLanguage(text: string): string {
  const all = words(text);
  if (all.length < 3) return 'und';
  let best = 'und';
  let bestHits = 0;
  let second = 0;
  for (const [language, list] of Object.entries(STOPWORDS_BY_LANGUAGE)) {
    const set = new Set(list);
    const hits = all.filter((w) => set.has(w)).length;
    if (hits > bestHits) {
      second = bestHits;
      bestHits = hits;
      best = language;
    } else if (hits > second) second = hits;
  }
  return bestHits >= 2 && bestHits > second ? best : 'und';
}
