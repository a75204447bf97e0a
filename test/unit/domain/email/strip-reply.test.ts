import { describe, expect, it } from 'vitest';
import { extractReply, htmlToText, htmlToVisibleReply, parseMail, sanitizeMailHtml, visibleReply } from '../../../../functions/domain/email';

describe('visibleReply on quote headers', () => {
  it.each([
    ['Outlook separator', 'Thanks, fixed.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nOld text'],
    ['Outlook header block', 'Thanks, fixed.\n\n________________________________\nFrom: Support <s@example.org>\nSent: Monday, 1 January 2024 10:00\nTo: Jane\nSubject: Re: [#42]\n\nOld text'],
    ['bold Outlook header block', 'Thanks, fixed.\n\n*From:* Support <s@example.org>\n*Sent:* Monday\n*Subject:* Re\n\nOld text'],
    ['German Outlook block', 'Thanks, fixed.\n\nVon: Support <s@example.org>\nGesendet: Montag, 1. Januar 2024 10:00\nAn: Jane\nBetreff: AW: Ticket\n\nAlter Text'],
    ['webmailer block, date first', 'Thanks, fixed.\n\nGesendet: Mittwoch, 03. Februar 2016 um 12:43 Uhr\nVon: "Support" <s@example.org>\nAn: jane@example.com\n\nAlter Text'],
    ['Gmail attribution split over lines', 'Thanks, fixed.\n\nOn Mon, Jan 1, 2024 at 10:00 AM Support Team <\nsupport@example.org> wrote:\n\n> Old text'],
    ['German attribution', 'Thanks, fixed.\n\nAm 01.01.2024 um 10:00 schrieb Support <s@example.org>:\n\n> Alter Text'],
    ['French attribution', 'Thanks, fixed.\n\nLe lun. 1 janv. 2024 à 10:00, Support <s@example.org> a écrit :\n\n> Ancien texte'],
    ['Spanish attribution', 'Thanks, fixed.\n\nEl lun, 1 ene 2024 a las 10:00, Support (<s@example.org>) escribió:\n\n> Texto'],
    ['Dutch attribution, unquoted history', 'Thanks, fixed.\n\nOp 1 jan. 2024 om 10:00 heeft Support <s@example.org> het volgende geschreven:\n\nOude tekst'],
    ['verbless attribution before a quote', 'Thanks, fixed.\n\n01.01.2024, 10:00, "Support" <s@example.org>:\n> Old text'],
    ['device signature', 'Thanks, fixed.\n\nSent from my iPhone'],
    ['dashed signature', 'Thanks, fixed.\n\n-- \nJane Doe\nACME Corp'],
  ])('strips the %s', (_, text) => {
    expect(visibleReply(text)).toBe('Thanks, fixed.');
  });

  it('keeps replies written between quoted passages', () => {
    const text = 'On Mon, Jan 1, 2024 at 10:00 AM Support <s@example.org> wrote:\n> Which version?\n\nVersion 2.\n\n> Which browser?\n\nFirefox.';
    expect(visibleReply(text)).toBe('Version 2.\nFirefox.'); // email-reply-parser joins visible fragments with one newline
  });

  it('keeps a sentence that merely starts like a signature or a header', () => {
    expect(visibleReply('Sent from my desk, which is easier than my phone.\nOn Monday we talked.')).toBe(
      'Sent from my desk, which is easier than my phone.\nOn Monday we talked.',
    );
  });

  it('returns the whole text when nothing but history would be left', () => {
    const forward = '---------- Forwarded message ---------\nFrom: Customer <c@example.com>\nDate: Mon\nSubject: Broken\n\nIt is broken.';
    expect(visibleReply(forward)).toBe(forward);
  });

  it('drops a closing that names the sender', () => {
    expect(visibleReply('It works now.\n\nThank you,\nNoam', { sender: 'Noam Levi' })).toBe('It works now.');
    expect(visibleReply('It works now.\n\nThank you,\nNoam')).toBe('It works now.\n\nThank you,\nNoam');
  });
});

describe('hostile input', () => {
  // Anyone can send mail to support: no input may make a regex backtrack for minutes.
  it.each([
    ['one 190 000-character line', 'On a '.repeat(38_000)],
    ['400-character attribution look-alikes', `${'On a '.repeat(79)}On \n`.repeat(480)],
    ['400-character header look-alikes', `From: ${'x'.repeat(390)}\n`.repeat(480)],
    ['dashes before look-alikes', `--On ${'-'.repeat(390)}\n`.repeat(480)],
  ])('%s is handled in well under two seconds', (_, text) => {
    const started = performance.now();
    visibleReply(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('sanitises a style value made of 20 000 digits quickly', () => {
    const started = performance.now();
    expect(sanitizeMailHtml(`<p style="margin: ${'1'.repeat(20_000)}x">a</p>`)).toBe('<p>a</p>');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('htmlToVisibleReply', () => {
  it.each([
    ['Outlook on the web', '<div>Thanks, fixed.</div><hr style="display:inline-block"><div id="divRplyFwdMsg"><b>From:</b> Support</div><div>Old text</div>'],
    ['Outlook for Mac', '<div>Thanks, fixed.</div><span id="OLK_SRC_BODY_SECTION"><div>From: Support</div><div>Old text</div></span>'],
    ['Gmail', '<div dir="ltr">Thanks, fixed.</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Support &lt;s@example.org&gt; wrote:<br></div><blockquote class="gmail_quote">Old text</blockquote></div>'],
    ['Apple Mail', '<div>Thanks, fixed.</div><div><br><blockquote type="cite"><div>On 1 Jan 2024, at 10:00, Support &lt;s@example.org&gt; wrote:</div><div>Old text</div></blockquote></div>'],
    ['Zimbra (hr before the header block)', '<div>Thanks, fixed.<br><br><hr id="zwchr"><b>From: </b>s@example.org<br><b>Sent: </b>Monday<br>Old text</div>'],
  ])('strips the %s history', (_, html) => {
    expect(htmlToVisibleReply(html)).toBe('Thanks, fixed.');
  });

  it('still finds the markers after sanitising', () => {
    const html = '<div>Thanks, fixed.</div><div id="divRplyFwdMsg" onclick="x()">From: Support</div><div>Old text</div>';
    expect(htmlToVisibleReply(sanitizeMailHtml(html))).toBe('Thanks, fixed.');
  });

  it('treats Gmail indentation (border:none) as the sender\'s own text', () => {
    expect(htmlToVisibleReply('<div>Steps:</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px">1. open</blockquote>')).toBe('Steps:\n\n1. open');
  });
});

describe('htmlToText', () => {
  it('lays out blocks, quotes and preformatted text', () => {
    const html = '<html><head><title>T</title><style>p{}</style></head><body><h1>Title</h1><p>One<br>Two &amp; <b>three</b></p>'
      + '<blockquote type="cite"><p>quoted</p><blockquote type="cite">deeper</blockquote></blockquote><pre>  a\n  b</pre>'
      + '<table><tr><td>x</td><td>y</td></tr></table><script>alert(1)</script></body></html>';
    expect(htmlToText(html)).toBe('Title\n\nOne\nTwo & three\n\n> quoted\n>\n>> deeper\n\n  a\n  b\n\nx y');
  });
});

describe('extractReply', () => {
  const mail = (contentType: string, body: string) =>
    parseMail(Buffer.from(`From: Jane Doe <jane@example.com>\r\nSubject: Re: x\r\nContent-Type: ${contentType}\r\n\r\n${body}\r\n`));

  it('uses the plain text when there is one', async () => {
    expect(extractReply(await mail('text/plain', 'Fixed.\r\n\r\nOn Mon, Support <s@example.org> wrote:\r\n> old'))).toBe('Fixed.');
  });

  it('uses the HTML of an HTML-only mail', async () => {
    expect(extractReply(await mail('text/html', '<p>Fixed.</p><div id="divRplyFwdMsg">From: Support</div><p>old</p>'))).toBe('Fixed.');
  });

  it('passes the sender so a named closing is dropped', async () => {
    expect(extractReply(await mail('text/plain', 'Fixed.\r\n\r\nBest regards,\r\nJane'))).toBe('Fixed.');
  });
});
