import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMail, extractReply, parseMail, type ParsedMail } from '../../../../functions/domain/email';
import { corpusFile, corpusFiles, corpusJson } from './corpus';

// Chatwoot's inbound-mail expectations (spec/presenters/mail_presenter_spec.rb and
// spec/mailboxes), transcribed into expected.json; see PROVENANCE.md section 2.
interface Case {
  auto_reply?: boolean;
  references?: string[];
  in_reply_to?: string;
  in_reply_to_first?: string;
  subject?: string;
  text_full?: string;
  text_reply_prefix_71?: string;
  number_of_attachments?: number;
  date?: string;
  multipart?: boolean;
  content_type_includes?: string;
}

const CHECKS: Record<keyof Case, (mail: ParsedMail, expected: any) => boolean> = {
  // Chatwoot flags bounces as auto replies too: both must never open a conversation.
  auto_reply: (m, e) => ['auto-reply', 'bounce'].includes(classifyMail(m).kind) === e,
  references: (m, e) => JSON.stringify(m.references) === JSON.stringify(e),
  in_reply_to: (m, e) => m.inReplyTo === e,
  in_reply_to_first: (m, e) => m.inReplyTo === e,
  subject: (m, e) => m.subject === e,
  text_full: (m, e) => m.text.trim() === e.trim(),
  text_reply_prefix_71: (m, e) => extractReply(m).slice(0, 71) === e,
  number_of_attachments: (m, e) => m.attachments.length === e,
  date: (m, e) => m.date === new Date(e).toISOString(),
  multipart: (m, e) => /^multipart\//i.test(m.headers['content-type'] ?? '') === e,
  content_type_includes: (m, e) => (m.headers['content-type'] ?? '').includes(e),
};

describe('parseMail against the Chatwoot corpus', () => {
  const cases = corpusJson<{ cases: Record<string, Case | null> }>('chatwoot', 'expected.json').cases;
  const files = corpusFiles('chatwoot', /\.eml$/);
  const mails = new Map<string, ParsedMail>();

  beforeAll(async () => {
    for (const file of files) mails.set(file, await parseMail(corpusFile('chatwoot', file)));
    const tally = new Map<string, [number, number]>();
    for (const [file, expected] of Object.entries(cases)) {
      for (const [key, value] of Object.entries(expected ?? {})) {
        if (!(key in CHECKS)) continue;
        const [ok, all] = tally.get(key) ?? [0, 0];
        tally.set(key, [ok + (CHECKS[key as keyof Case](mails.get(file)!, value) ? 1 : 0), all + 1]);
      }
    }
    console.info(`Chatwoot ${files.length}: ${[...tally].map(([k, [ok, all]]) => `${k} ${ok}/${all}`).join(', ')}`);
  });

  it('has an expectation entry for every mail', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !(f in cases))).toEqual([]);
  });

  it.each(Object.entries(cases).filter(([, c]) => c !== null))('%s meets every expectation', (file, expected) => {
    const mail = mails.get(file)!;
    for (const [key, value] of Object.entries(expected!)) {
      if (key in CHECKS) expect({ key, ok: CHECKS[key as keyof Case](mail, value) }).toEqual({ key, ok: true });
    }
  });

  it.each(files)('%s has a sender address or says why not', (file) => {
    const mail = mails.get(file)!;
    if (mail.from?.address) expect(mail.from.address).toMatch(/^[^@\s]+@[^@\s]+$/);
    else expect(mail.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^(missing|invalid)-from$/)]));
  });

  it('reads threading headers as bare ids', () => {
    expect(mails.get('in_reply_to.eml')!.inReplyTo).toMatch(/^[^<>\s]+@[^<>\s]+$/);
    expect(mails.get('references.eml')!.references).toEqual(['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail', 'test-reference-id']);
  });

  it('takes the text of an HTML-only mail from its HTML', () => {
    const mail = mails.get('only_html.eml')!;
    expect(mail.textFromHtml).toBe(true);
    expect(mail.text).toContain('This is html only mail');
  });

  it('marks images referenced by cid as inline even without a Content-Disposition', () => {
    const mail = mails.get('cid_inline_images_without_disposition.eml')!;
    const images = mail.attachments.filter((a) => a.contentType.startsWith('image/'));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image).toMatchObject({ inline: true, contentId: expect.any(String) });
      expect(mail.html).toContain(`cid:${image.contentId}`);
    }
  });

  it('names attachments that came without a filename', () => {
    const mail = mails.get('attachments_without_filename.eml')!;
    expect(mail.attachments.length).toBeGreaterThan(0);
    for (const a of mail.attachments) expect(a.filename).toMatch(/\S+\.\w+$/);
  });
});
