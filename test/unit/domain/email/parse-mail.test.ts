import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedMailError, parseMail, parseMessageIds } from '../../../../functions/domain/email';
import { itWithCorpora } from '../../../support/corpora';
import { allMails, corpusFile } from './corpus';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** Resolves with the parse, or with the error when it is the one parseMail is allowed to throw. */
async function parseOrMalformed(raw: Buffer) {
  try {
    return await parseMail(raw);
  } catch (error) {
    if (error instanceof MalformedMailError) return error;
    throw error;
  }
}

describe('parseMail on malformed input', () => {
  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['only blank lines', Buffer.from('\r\n\r\n  \r\n')],
  ])('rejects %s as empty', async (_, raw) => {
    const error = await parseMail(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedMailError);
    expect(error).toMatchObject({ code: 'malformed-mail', reason: 'empty' });
  });

  it('rejects bytes without a header section', async () => {
    let seed = 7;
    const garbage = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256));
    const result = await parseOrMalformed(garbage);
    if (result instanceof MalformedMailError) expect(result.reason).toMatch(/no-header-section|unparseable/);
    else expect(result.malformed).toBe(true);
  });

  it('rejects plain prose that has no header fields', async () => {
    await expect(parseMail(Buffer.from('hello, this is not a mail at all\nsecond line\n'))).rejects.toMatchObject({ reason: 'no-header-section' });
  });

  itWithCorpora('parses a truncated multipart with a warning', async () => {
    const raw = corpusFile('zammad', 'mail051.box');
    const mail = await parseMail(raw.subarray(0, Math.floor(raw.length / 2)));
    expect(mail.warnings).toContain('unterminated-multipart');
    expect(mail.malformed).toBe(true);
    expect(mail.from?.address).toBe('martin@example.de');
  });

  itWithCorpora('parses a mail without From, Date or Message-ID with warnings, taking the sender from Reply-To', async () => {
    const mail = await parseMail(corpusFile('zammad', 'mail016.box'));
    expect(mail.warnings).toEqual(expect.arrayContaining(['missing-from', 'missing-message-id']));
    expect(mail.from).toEqual({ address: 'vipyimin@126.com', name: '' });
  });

  it('gives no date, never "now", for an unreadable Date header', async () => {
    const mail = await parseMail(Buffer.from('From: a@example.com\r\nDate: someday soon\r\nSubject: x\r\n\r\nbody\r\n'));
    expect(mail.date).toBeUndefined();
    expect(mail.warnings).toContain('invalid-date');
  });

  // Every corpus mail cut at a few points: the parser must either cope or say it is malformed.
  itWithCorpora.each(allMails().map(({ name, raw }) => [name, raw] as const))('%s survives truncation', async (_, raw) => {
    for (const fraction of [0.05, 0.3, 0.5, 0.9]) {
      const result = await parseOrMalformed(raw.subarray(0, Math.floor(raw.length * fraction)));
      if (!(result instanceof MalformedMailError)) expect(Array.isArray(result.warnings)).toBe(true);
    }
  });
});

describe('parseMail on charsets and transfer encodings', () => {
  itWithCorpora('decodes ISO-2022-JP headers and body', async () => {
    const mail = await parseMail(corpusFile('zammad', 'mail091.box'));
    expect(mail.subject).toBe('メルマガ解除');
    expect(mail.from).toEqual({ address: 'mail@domain.jp', name: '岡本和正' });
    expect(mail.text).toContain('このアドレスへのメルマガを解除してください。');
  });

  itWithCorpora('decodes windows-1258 (Vietnamese) correctly', async () => {
    const mail = await parseMail(corpusFile('zammad', 'mail072.box'));
    expect(mail.subject).toBe('Réclamation commande n° 018255977840');
    expect(mail.text).toContain('suite à ma commande du 14 août 2018');
  });

  itWithCorpora('decodes unencoded 8-bit GB2312 headers and filenames with the charset the mail declares', async () => {
    expect((await parseMail(corpusFile('zammad', 'mail046.box'))).subject).toBe('转发：整体提升企业服务水平');
    const [attachment] = (await parseMail(corpusFile('zammad', 'mail015.box'))).attachments;
    expect(attachment.filename).toBe('绩效管理,究竟谁错了.xls');
  });

  itWithCorpora('takes the first usable From when a mail has two', async () => {
    expect((await parseMail(corpusFile('zammad', 'mail017.box'))).from).toEqual({ address: 'ghgbwum@185.com.cn', name: '都琹' });
  });

  itWithCorpora('extracts a uuencoded file from the text and leaves the text as sent', async () => {
    const mail = await parseMail(corpusFile('zammad', 'mail025.box'));
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: 'rulesets-report.csv', contentType: 'text/csv', checksum: 'b095df7538e7a8eff838e38c470b9dc7' }),
    ]);
    expect(mail.attachments[0].content.toString('utf8')).toMatch(/^RULESET_ID;NAME;ACTIV;RUN_MODE;AUDIT_MODIFY_DATE\n387;/);
    expect(mail.text).toContain('begin 644 rulesets-report.csv');
  });

  itWithCorpora('keeps attachment bytes exact and checksums them with MD5', async () => {
    for (const attachment of (await parseMail(corpusFile('zammad', 'mail062.box'))).attachments) {
      expect(attachment.checksum).toBe(md5(attachment.content));
      expect(attachment.size).toBe(attachment.content.length);
    }
  });

  itWithCorpora('names parts without a filename from their description or Content-ID', async () => {
    const report = await parseMail(corpusFile('zammad', 'mail055.box'));
    expect(report.attachments.map((a) => a.filename)).toEqual(['Delivery report.txt', 'Undelivered Message.eml']);
    const inline = await parseMail(corpusFile('zammad', 'mail062.box'));
    expect(inline.attachments.slice(0, 2).map((a) => [a.filename, a.inline, a.contentId])).toEqual([
      ['image001.jpg', true, 'image001.jpg@01CDB132.D8A510F0'],
      ['image000.jpg', true, 'image000.jpg@01CDB132.D8A510F0'],
    ]);
  });
});

describe('parseMail output shape', () => {
  const raw = [
    'From: "Doe, Jane" <Jane.Doe@Example.COM>',
    'To: support@example.org, "Bob" <BOB@example.org>',
    'Cc: Team: a@example.org, b@example.org;',
    'Reply-To: replies@example.org',
    'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=',
    'Date: Tue, 2 Jan 2024 10:00:00 +0100 (CET)',
    'Message-ID: <abc@example.com>',
    'In-Reply-To: <first@example.org> <second@example.org>',
    'References: <r1@example.org>\r\n <r2@example.org>',
    'Auto-Submitted: no',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello <b>there</b>',
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p onclick="steal()">Hello</p><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="cid:logo@x" onerror="y()"><iframe src="https://evil"></iframe>',
    '--b--',
    '',
  ].join('\r\n');

  it('normalises addresses, ids, subject and date', async () => {
    const mail = await parseMail(Buffer.from(raw));
    expect(mail).toMatchObject({
      messageId: 'abc@example.com',
      inReplyTo: 'first@example.org',
      references: ['r1@example.org', 'r2@example.org'],
      from: { address: 'jane.doe@example.com', name: 'Doe, Jane' },
      to: [{ address: 'support@example.org', name: '' }, { address: 'bob@example.org', name: 'Bob' }],
      cc: [{ address: 'a@example.org', name: '' }, { address: 'b@example.org', name: '' }],
      replyTo: [{ address: 'replies@example.org', name: '' }],
      subject: 'Grüße',
      date: '2024-01-02T09:00:00.000Z',
      text: 'Hello <b>there</b>',
      textFromHtml: false,
      malformed: false,
      warnings: [],
    });
    expect(mail.headers['auto-submitted']).toBe('no');
    expect(mail.headers.references).toBe('<r1@example.org> <r2@example.org>');
  });

  it('sanitises the HTML but keeps cid: images', async () => {
    const { html } = await parseMail(Buffer.from(raw));
    expect(html).toContain('<img src="cid:logo@x" />');
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe/i);
  });

  it.each([
    ['<a@b> <c@d>', ['a@b', 'c@d']],
    ['a@b', ['a@b']],
    ['<>', []],
    ['', []],
    ['<a@b>, junk', ['a@b']],
  ])('reads Message-IDs from %j', (value, ids) => expect(parseMessageIds(value)).toEqual(ids));
});
