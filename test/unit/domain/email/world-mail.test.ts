import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifyMail, extractReply, parseMail, visibleReply } from '../../../../functions/domain/email';

// Synthetic mails, one class of real-world trouble per block (issue 14): legacy charsets in
// headers, mislabelled body charsets, odd addresses, bulk mail, reply headers the stripper
// missed. Each builds its bytes the way the offending mailers do.

const jis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }));
const qWord = (bytes: Buffer) =>
  [...bytes].map((c) => (c > 32 && c < 127 && !'=?_'.includes(String.fromCharCode(c)) ? String.fromCharCode(c) : `=${c.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

function mail(headers: Record<string, string | Buffer>, body: Buffer | string = 'Hello', contentType = 'text/plain; charset=utf-8') {
  const head = Object.entries({ 'Message-ID': '<1@example.com>', Date: 'Mon, 1 Jan 2024 10:00:00 +0000', To: 'support@example.org', 'Content-Type': contentType, ...headers })
    .map(([k, v]) => Buffer.concat([Buffer.from(`${k}: `), Buffer.isBuffer(v) ? v : Buffer.from(v), Buffer.from('\r\n')]));
  return parseMail(Buffer.concat([...head, Buffer.from('\r\n'), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\r\n')]));
}

describe('legacy charsets in headers', () => {
  const subject = 'お問い合わせの件について';
  it.each([
    ['ISO-2022-JP, B', `=?ISO-2022-JP?B?${jis(subject).toString('base64')}?=`],
    ['ISO-2022-JP, Q', `=?iso-2022-jp?Q?${qWord(jis(subject))}?=`],
    ['the cs alias csISO2022JP', `=?csISO2022JP?B?${jis(subject).toString('base64')}?=`],
    ['a character split across two words', `=?ISO-2022-JP?B?${jis(subject).subarray(0, 7).toString('base64')}?=\r\n =?ISO-2022-JP?B?${jis(subject).subarray(7).toString('base64')}?=`],
    ['Shift_JIS', `=?Shift_JIS?B?${iconv.encode(subject, 'sjis').toString('base64')}?=`],
    ['EUC-JP', `=?euc-jp?B?${iconv.encode(subject, 'euc-jp').toString('base64')}?=`],
    ['raw ISO-2022-JP without encoded words', jis(subject)],
    ['raw Shift_JIS bytes', iconv.encode(subject, 'sjis')],
  ])('decodes a subject and a sender name in %s', async (_, encoded) => {
    const value = Buffer.isBuffer(encoded) ? encoded : Buffer.from(encoded);
    const parsed = await mail({ Subject: value, From: Buffer.concat([value, Buffer.from(' <yamada@example.jp>')]) });
    expect(parsed.subject).toBe(subject);
    expect(parsed.from).toEqual({ address: 'yamada@example.jp', name: subject });
  });

  it.each([
    ['ks_c_5601-1987', '안녕하세요 문의', 'cp949'],
    ['big5', '你好問題', 'big5'],
    ['gb2312', '你好问题', 'gbk'],
    ['koi8-r', 'Привет мир', 'koi8-r'],
  ])('decodes encoded words in %s', async (label, text, codec) => {
    const parsed = await mail({ Subject: `=?${label}?B?${iconv.encode(text, codec).toString('base64')}?=`, From: 'a@example.com' });
    expect(parsed.subject).toBe(text);
  });

  it('keeps a decoded name with a comma or quote from splitting the address list', async () => {
    const parsed = await mail({ From: `=?utf-8?Q?M=C3=BCller,_"Hans";?= <hans@example.de>` });
    expect(parsed.from).toEqual({ address: 'hans@example.de', name: 'Müller, "Hans";' });
  });
});

describe('mislabelled body charsets', () => {
  const chinese = '你好，我的打印机坏了。请帮忙看一下，谢谢。';
  it('detects GBK bytes declared as UTF-8', async () => {
    const parsed = await mail({ From: 'li@example.cn', Subject: 'x', 'Content-Transfer-Encoding': '8bit' }, iconv.encode(chinese, 'gbk'));
    expect(parsed.text.trim()).toBe(chinese);
    expect(parsed.warnings).not.toContain('undecodable-bytes');
  });

  it('detects GBK bytes declared as UTF-8 in base64 HTML', async () => {
    const html = iconv.encode(`<html><body><p>${chinese}</p></body></html>`, 'gbk').toString('base64');
    const parsed = await mail({ From: 'li@example.cn', Subject: 'x', 'Content-Transfer-Encoding': 'base64' }, html, 'text/html; charset=UTF-8');
    expect(parsed.text).toBe(chinese);
    expect(parsed.html).toContain(chinese);
  });

  it('detects Shift_JIS declared as ISO-2022-JP', async () => {
    const text = 'プリンターが壊れました。至急対応をお願いします。';
    const parsed = await mail({ From: 'a@example.jp', Subject: 'x', 'Content-Transfer-Encoding': '8bit' }, iconv.encode(text, 'sjis'), 'text/plain; charset=iso-2022-jp');
    expect(parsed.text.trim()).toBe(text);
  });

  it('reads UTF-8 bytes under an undeclared charset, and a stray Latin-1 byte as itself', async () => {
    const bytes = Buffer.concat([Buffer.from('Grüße aus Köln, '), iconv.encode('Straße', 'latin1')]);
    const parsed = await mail({ From: 'a@example.de', Subject: 'x', 'Content-Transfer-Encoding': '8bit' }, bytes, 'text/plain');
    expect(parsed.text.trim()).toBe('Grüße aus Köln, Straße');
  });

  it('leaves correctly labelled text alone', async () => {
    const parsed = await mail({ From: 'a@example.de', Subject: 'x', 'Content-Transfer-Encoding': '8bit' }, iconv.encode('Grüße, Straße', 'latin1'), 'text/plain; charset=iso-8859-1');
    expect(parsed.text.trim()).toBe('Grüße, Straße');
  });
});

describe('odd but real addresses', () => {
  it.each([
    ['a trailing dot', 'Jane <jane@yahoo.com.>', { address: 'jane@yahoo.com', name: 'Jane' }],
    ['a bare address with a trailing dot', 'jane@yahoo.com.', { address: 'jane@yahoo.com', name: '' }],
    ['a comma in an unquoted name', 'Doe, John <john@example.com>', { address: 'john@example.com', name: 'Doe, John' }],
    ['a comma and a comment', 'Smith, Dr. J. (Sales) <j@example.com>', { address: 'j@example.com', name: 'Smith, Dr. J.' }],
    ['a comma and no brackets', 'Doe, John john@example.com', { address: 'john@example.com', name: 'Doe, John' }],
    ['a mailto: prefix', 'Jane <mailto:jane@example.com>', { address: 'jane@example.com', name: 'Jane' }],
  ])('reads %s', async (_, from, expected) => {
    const parsed = await mail({ From: from, Subject: 'x' });
    expect(parsed.from).toEqual(expected);
    expect(parsed.fromHeader).toBe(from);
  });
});

describe('bulk, list and machine mail', () => {
  it('a newsletter opens a ticket without an automatic answer, an out-of-office is suspended', async () => {
    const newsletter = await mail({ From: 'news@shop.example', Subject: 'Our November deals', Precedence: 'bulk', 'List-Unsubscribe': '<https://shop.example/u/1>' });
    expect(classifyMail(newsletter)).toMatchObject({ kind: 'bulk', reason: 'precedence' });
    const monitoring = await mail({ From: 'nagios@ops.example', Subject: 'PROBLEM: disk /var is CRITICAL', 'Auto-Submitted': 'auto-generated' });
    expect(classifyMail(monitoring)).toMatchObject({ kind: 'bulk', reason: 'auto-generated' });
    const away = await mail({ From: 'jane@example.com', Subject: 'Out of Office: Re: invoice', Precedence: 'bulk' });
    expect(classifyMail(away)).toMatchObject({ kind: 'auto-reply', reason: 'vacation-subject' });
  });
});

describe('reply headers in more families and languages', () => {
  it.each([
    ['Polymail, split after the time', 'On Mon, Jan 1, 2024 at 10:00 AM\nJohn Doe <john@example.com> wrote:'],
    ['Polymail, split inside the address', 'On Mon, Jan 1, 2024 at 10:00 AM, John Doe <\njohn@example.com> wrote:'],
    ['Polymail, verb on its own line', 'On Mon, Jan 1, 2024 at 10:00 AM,\nJohn Doe <john@example.com>\nwrote:'],
    ['Android', '---- John Doe wrote ----'],
    ['Android with a date', '---- On Mon, 01 Jan 2024 10:00:00 +0100 John Doe <john@example.com> wrote ----'],
    ['Android in German', '---- Am Mo., 01 Jan. 2024 10:00:00 +0100 schrieb John Doe <john@example.com> ----'],
    ['Outlook block starting with Date', 'Date: Mon, 1 Jan 2024 10:00:00 +0100\nFrom: John Doe <john@example.com>\nTo: support@x.com\nSubject: Printer'],
    ['French Outlook block', 'De : John Doe <john@example.com>\nEnvoyé : lundi 1 janvier 2024 10:00\nÀ : support@x.com\nObjet : Imprimante'],
    ['German', 'Am 01.01.2024 um 10:00 schrieb John Doe <john@example.com>:'],
    ['German, verb after the name', 'John Doe <john@example.com> schrieb am Mo., 1. Jan. 2024, 10:00:'],
    ['French', 'Le lun. 1 janv. 2024 à 10:00, John Doe <john@example.com> a écrit :'],
    ['Spanish', 'El lun, 1 ene 2024 a las 10:00, John Doe (<john@example.com>) escribió:'],
    ['Italian', 'Il giorno lun 1 gen 2024 alle ore 10:00 John Doe <john@example.com> ha scritto:'],
    ['Portuguese', 'Em seg., 1 de jan. de 2024 às 10:00, John Doe <john@example.com> escreveu:'],
    ['Dutch', 'Op ma 1 jan. 2024 om 10:00 schreef John Doe <john@example.com>:'],
    ['Swedish', 'Den mån 1 jan. 2024 kl 10:00 skrev John Doe <john@example.com>:'],
    ['Polish', 'W dniu pon., 1 sty 2024 o 10:00 John Doe <john@example.com> napisał(a):'],
    ['Russian, no verb', 'пн, 1 янв. 2024 г. в 10:00, John Doe <john@example.com>:'],
    ['Russian', '01.01.2024 10:00, John Doe пишет:'],
    ['Japanese, no verb', '2024年1月1日(月) 10:00 John Doe <john@example.com>:'],
    ['Chinese', 'John Doe <john@example.com> 于2024年1月1日周一 10:00写道：'],
    ['Turkish', 'John Doe <john@example.com>, 1 Oca 2024 Pzt, 10:00 tarihinde şunu yazdı:'],
    ['Czech', 'Dne po 1. 1. 2024 10:00 uživatel John Doe <john@example.com> napsal:'],
    ['Finnish', 'ma 1. tammik. 2024 klo 10.00 John Doe (john@example.com) kirjoitti:'],
    ['Korean', '2024년 1월 1일 (월) 오전 10:00, John Doe <john@example.com>님이 작성:'],
    ['Hungarian', 'John Doe <john@example.com> ezt írta (időpont: 2024. jan. 1., H, 10:00):'],
  ])('cuts at the %s header, quoted or not', (_, header) => {
    for (const old of ['> The printer is broken.\n> Please help.', 'The printer is broken.\nPlease help.']) {
      expect(visibleReply(`Thanks, it works now.\n\n${header}\n\n${old}\n`)).toBe('Thanks, it works now.');
    }
  });

  it('keeps prose that mentions writing, a time or an address', () => {
    const prose = 'As John wrote yesterday, the fix is in.\nCall me at 10:30 or mail bob@example.com about it.\nThe log says:\nerror 42';
    expect(visibleReply(prose)).toBe(prose);
  });

  it('strips the history of a reply mail end to end (parse, then extract)', async () => {
    const parsed = await mail({ From: 'john@example.com', Subject: 'Re: Printer' }, 'Danke, geht wieder.\r\n\r\nAm 01.01.2024 um 10:00 schrieb Support <support@example.org>:\r\n> Bitte neu starten.');
    expect(extractReply(parsed)).toBe('Danke, geht wieder.');
  });
});
