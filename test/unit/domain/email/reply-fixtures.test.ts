import { afterAll, describe, expect, it } from 'vitest';
import { htmlToVisibleReply, parseMail, visibleReply } from '../../../../functions/domain/email';
import { describeWithCorpora } from '../../../support/corpora';
import { corpusFile, corpusFiles, corpusJson, squash, textContent } from './corpus';

// Reply-parser fixtures (PROVENANCE.md section 3). Upstream asserts on its own fragment
// structure; we only promise the visible text, so each expectation is read for what it
// says about that text (see checksFor). Structural-only expectations become "the visible
// text is non-empty".

/** Misses we accept, with the reason. Keyed by source/file. */
const KNOWN_MISSES: Record<string, string> = {
  'mailgun_talon/signature_stripped/johndoeexamplecom':
    'the signature lines carry talon\'s "#sig#" training markup and follow no sign-off; talon finds them with a sender-trained classifier',
};
const MIN_MATCHED: Record<string, number> = { 'crisp-oss_email-reply-parser': 1, github_email_reply_parser: 1, mailgun_talon: 33 / 34 };

const tally = new Map<string, { matched: number; total: number }>();
function record(source: string, ok: boolean) {
  const t = tally.get(source) ?? { matched: 0, total: 0 };
  tally.set(source, { matched: t.matched + (ok ? 1 : 0), total: t.total + 1 });
}
afterAll(() => console.info([...tally].map(([s, t]) => `${s} ${t.matched}/${t.total}`).join(', ')));

interface Check {
  what: string;
  ok: (visible: string) => boolean;
}

/** What one upstream expectation (expected.json vocabulary) says about the visible text. */
function checksFor(c: Record<string, any>, input: string): Check[] {
  const checks: Check[] = [];
  for (const key of ['first_fragment', 'first_fragment_trimmed', 'visible_text', 'visible_text_trimmed', 'parse_reply']) {
    if (typeof c[key] === 'string') checks.push({ what: `${key} equals`, ok: (v) => v === c[key].trim() });
  }
  // email-reply-parser trims trailing blanks off every line, so those do not count
  const lines = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
  if (c.fragment_count === 1) checks.push({ what: 'one fragment: all of it is visible', ok: (v) => lines(v) === lines(input) });
  const patterns: [string, string | string[]][] = [
    ...Object.entries<string | string[]>(c.fragment_regex ?? {}),
    ...Object.entries<string>(c.fragment_equals ?? {})
      .filter(([, s]) => s.trim() !== '') // a blank fragment says nothing about the text
      .map(([i, s]): [string, string] => [i, `^${s.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`]),
  ];
  for (const [index, sources] of patterns) {
    const i = Number(index);
    const regexes = [sources].flat().map((s) => new RegExp(s, i === 0 ? '' : 'm'));
    if (c.hidden?.[i] === true) checks.push({ what: `fragment ${i} hidden`, ok: (v) => !regexes.every((r) => r.test(v)) });
    // github shows a quote between two replies; crisp and we hide every quote
    else if (c.quoted?.[i] === true) continue;
    else if (i === 0 || c.hidden?.[i] === false) checks.push({ what: `fragment ${i} visible`, ok: (v) => regexes.every((r) => r.test(v)) });
  }
  if (!checks.length) checks.push({ what: 'non-empty', ok: (v) => v.trim() !== '' });
  return checks;
}

function assertChecks(source: string, name: string, visible: string, checks: Check[]) {
  const failed = checks.filter((c) => !c.ok(visible)).map((c) => c.what);
  const known = KNOWN_MISSES[`${source}/${name}`];
  record(source, failed.length === 0);
  if (known) expect(failed, `known miss no longer misses, remove it: ${name}`).not.toEqual([]);
  else expect({ name, failed, visible }).toEqual({ name, failed: [], visible });
}

for (const [source, dir] of [
  ['crisp-oss_email-reply-parser', 'fixtures'],
  ['github_email_reply_parser', 'emails'],
] as const) describeWithCorpora(`visibleReply on the ${source} fixtures`, () => {
  const cases = corpusJson<{ cases: Record<string, Record<string, any> | null> }>('replies', source, 'expected.json').cases;
  it.each(corpusFiles(`replies/${source}/${dir}`, /\.txt$/))('%s', (file) => {
    const input = corpusFile('replies', source, dir, file).toString('utf8');
    const started = performance.now();
    const visible = visibleReply(input);
    const seconds = (performance.now() - started) / 1000;
    if (cases[file]?.max_parse_seconds) expect(seconds).toBeLessThan(cases[file].max_parse_seconds);
    assertChecks(source, file, visible, checksFor(cases[file] ?? {}, input));
  });
});

describeWithCorpora('reply extraction on the mailgun/talon fixtures', () => {
  const source = 'mailgun_talon';
  const cases = corpusJson<{ cases: Record<string, Record<string, any>> }>('replies', source, 'expected.json').cases;
  const read = (path: string) => corpusFile('replies', source, ...path.split('/'));

  it.each(Object.entries(cases))('%s', async (path, c) => {
    let visible: string;
    let checks: Check[];
    if (c.kind === 'plain' && c.expected_reply !== undefined) {
      visible = visibleReply((await parseMail(read(path))).text);
      checks = [{ what: 'reply equals', ok: (v) => v === c.expected_reply }];
    } else if (c.kind === 'plain') {
      visible = visibleReply(read(path).toString('utf8')); // upstream feeds the whole file as text
      checks = [{ what: 'non-empty without "From"', ok: (v) => v !== '' && !v.includes('From') }];
    } else if (c.kind === 'html') {
      visible = htmlToVisibleReply(read(path).toString('utf8'));
      const expected = c.expected_reply_text ?? textContent(c.expected_html_no_whitespace);
      checks = [{ what: 'reply equals, whitespace aside', ok: (v) => squash(v) === squash(expected) }];
    } else {
      const body = read(`${path}_body`).toString('utf8').trim();
      const signature = read(`signature_stripped/${c.expected_signature_file}`).toString('utf8').trim();
      const sender = read(`${path}_sender`).toString('utf8').split('\n')[0].trim();
      visible = visibleReply(body, { sender });
      const expected = body.slice(0, body.length - signature.length).trim();
      checks = [{ what: 'signature removed', ok: (v) => v === expected }];
    }
    assertChecks(source, path, visible, checks);
  });

  it.each(corpusJson<{ cases: { test: string; input: string; expected_reply: string }[] }>('replies', source, 'inline_plain_cases.json').cases)(
    'inline case $test',
    ({ test, input, expected_reply }) => assertChecks(source, test, visibleReply(input), [{ what: 'reply equals', ok: (v) => v === expected_reply }]),
  );
});

describeWithCorpora('reply match rates', () => {
  it.each(Object.entries(MIN_MATCHED))('%s keeps its rate', (source, min) => {
    const t = tally.get(source);
    expect(t?.total).toBeGreaterThan(0);
    expect(t!.matched / t!.total).toBeGreaterThanOrEqual(min - 1e-9);
  });
});
