import { describe, expect, it } from 'vitest';
import { classifyMail, extractReply, htmlToVisibleReply, parseMail, visibleReply } from '../../../../functions/domain/email';
import { describeWithCorpora } from '../../../support/corpora';
import { allMails } from './corpus';

// Reply extraction and classification for the mail the world's clients actually send: the
// attribution lines, Outlook header blocks, device signatures and HTML markers of each client
// in each language, written out here the way those clients write them (with their own date
// formats), plus the ordinary text that must NOT be mistaken for any of them.

const NEW = 'Thanks, the printer works again.';
const OLD_QUOTED = '> The printer is broken.\n> Please help.';
const OLD_PLAIN = 'The printer is broken.\nPlease help.';

/** The reply, the header, then the history both quoted and unquoted: only the reply is left. */
function expectCutAt(header: string) {
  for (const old of [OLD_QUOTED, OLD_PLAIN]) {
    expect(visibleReply(`${NEW}\n\n${header}\n\n${old}\n`), `${header}\n${old}`).toBe(NEW);
    expect(visibleReply(`${NEW}\r\n\r\n${header.replaceAll('\n', '\r\n')}\r\n${old.replaceAll('\n', '\r\n')}\r\n`)).toBe(NEW);
  }
}

describe('odd input', () => {
  it.each([
    ['empty text', ''],
    ['blank lines', '\n\n  \n'],
    ['a rule and nothing after it', 'Thanks.\n________________________________'],
    ['a rule and blank lines after it', 'Thanks.\n________________________________\n\n'],
    ['only a signature delimiter', '-- '],
    ['only a quote', '> old'],
  ])('never throws on %s', (_, text) => {
    expect(() => visibleReply(text, { sender: 'Jane Doe' })).not.toThrow();
    expect(() => visibleReply(text, { sender: 'Jane Doe', forward: true })).not.toThrow();
    expect(() => htmlToVisibleReply(text, { sender: 'Jane Doe' })).not.toThrow();
  });
});

describeWithCorpora('every corpus mail', () => {
  it.each(allMails().map(({ name, raw }) => [name, raw] as const))('%s: extractReply does not throw', async (_, raw) => {
    const mail = await parseMail(raw);
    expect(typeof extractReply(mail)).toBe('string');
  });
});

describe('attribution lines, by language and client', () => {
  it.each([
    // English
    ['Gmail', 'On Mon, Jan 1, 2024 at 10:00 AM John Doe <john@example.com> wrote:'],
    ['Gmail, wrapped before "wrote:"', 'On Mon, Jan 1, 2024 at 10:00 AM John Doe <john@example.com>\nwrote:'],
    ['Gmail, wrapped inside the address', 'On Mon, Jan 1, 2024 at 10:00 AM John Doe <\njohn@example.com> wrote:'],
    ['Gmail, wrapped after the date', 'On Mon, Jan 1, 2024 at 10:00 AM\nJohn Doe <john@example.com> wrote:'],
    ['Gmail, 24-hour British', 'On Mon, 1 Jan 2024 at 10:00, John Doe <john@example.com> wrote:'],
    ['Apple Mail', 'On 1 Jan 2024, at 10:00, John Doe <john@example.com> wrote:'],
    ['Apple Mail, US', 'On Jan 1, 2024, at 10:00 AM, John Doe <john@example.com> wrote:'],
    ['Thunderbird', 'On 01/01/2024 10:00, John Doe wrote:'],
    ['Thunderbird, ISO date', 'On 2024-01-01 10:00, John Doe wrote:'],
    ['Yahoo', 'On Monday, January 1, 2024, 10:00:00 AM GMT+1, John Doe <john@example.com> wrote:'],
    ['Roundcube', 'On 2024-01-01 10:00, John Doe wrote:'],
    ['mutt', '* John Doe <john@example.com> [2024-01-01 10:00]:'],
    // French
    ['French Gmail', 'Le lun. 1 janv. 2024 à 10:00, John Doe <john@example.com> a écrit :'],
    ['French Gmail, wrapped before "écrit"', 'Le lun. 1 janv. 2024 à 10:00, John Doe <john@example.com> a\nécrit :'],
    ['French Apple Mail', 'Le 1 janv. 2024 à 10:00, John Doe <john@example.com> a écrit :'],
    ['French Thunderbird', 'Le 01/01/2024 à 10:00, John Doe a écrit :'],
    // German
    ['German Gmail', 'Am Mo., 1. Jan. 2024 um 10:00 Uhr schrieb John Doe <john@example.com>:'],
    ['German Gmail, wrapped', 'Am Mo., 1. Jan. 2024 um 10:00 Uhr schrieb John Doe <\njohn@example.com>:'],
    ['German Apple Mail', 'Am 01.01.2024 um 10:00 schrieb John Doe <john@example.com>:'],
    ['German Thunderbird', 'Am 01.01.24 um 10:00 schrieb John Doe:'],
    // Spanish
    ['Spanish Gmail', 'El lun, 1 ene 2024 a las 10:00, John Doe (<john@example.com>) escribió:'],
    ['Spanish Gmail, wrapped', 'El lun, 1 ene 2024 a las 10:00, John Doe (<john@example.com>)\nescribió:'],
    ['Spanish Apple Mail', 'El 1 ene 2024, a las 10:00, John Doe <john@example.com> escribió:'],
    ['Spanish Thunderbird', 'El 1/1/24 a las 10:00, John Doe escribió:'],
    // Portuguese
    ['Portuguese Gmail', 'Em seg., 1 de jan. de 2024 às 10:00, John Doe <john@example.com> escreveu:'],
    ['Portuguese Apple Mail', 'Em 1 de jan. de 2024, à(s) 10:00, John Doe <john@example.com> escreveu:'],
    ['Portuguese Thunderbird', 'Em 01/01/2024 10:00, John Doe escreveu:'],
    // Italian
    ['Italian Gmail', 'Il giorno lun 1 gen 2024 alle ore 10:00 John Doe <john@example.com> ha scritto:'],
    ['Italian Apple Mail', 'Il giorno 1 gen 2024, alle ore 10:00, John Doe <john@example.com> ha scritto:'],
    ['Italian Thunderbird', 'Il 01/01/24 10:00, John Doe ha scritto:'],
    // Dutch
    ['Dutch Gmail', 'Op ma 1 jan 2024 om 10:00 schreef John Doe <john@example.com>:'],
    ['Dutch Apple Mail', 'Op 1 jan. 2024 om 10:00 heeft John Doe <john@example.com> het volgende geschreven:'],
    ['Dutch Thunderbird', 'Op 01-01-2024 om 10:00 schreef John Doe:'],
    // Polish
    ['Polish Gmail', 'pon., 1 sty 2024 o 10:00 John Doe <john@example.com> napisał(a):'],
    ['Polish Thunderbird', 'W dniu 1.01.2024 o 10:00, John Doe pisze:'],
    ['Polish Apple Mail', 'Wiadomość napisana przez John Doe <john@example.com> w dniu 01.01.2024, o godz. 10:00:'],
    // Scandinavian
    ['Swedish Gmail', 'Den mån 1 jan. 2024 kl 10:00 skrev John Doe <john@example.com>:'],
    ['Danish Gmail', 'Den man. 1. jan. 2024 kl. 10.00 skrev John Doe <john@example.com>:'],
    ['Norwegian Gmail', 'man. 1. jan. 2024 kl. 10:00 skrev John Doe <john@example.com>:'],
    ['Swedish Apple Mail', '1 jan. 2024 kl. 10:00 skrev John Doe <john@example.com>:'],
    ['Danish Thunderbird', 'Den 01-01-2024 kl. 10:00 skrev John Doe:'],
    // Russian
    ['Russian Gmail', 'пн, 1 янв. 2024 г. в 10:00, John Doe <john@example.com>:'],
    ['Russian Thunderbird', '01.01.2024 10:00, John Doe пишет:'],
    ['Russian Yandex', '01.01.2024, 10:00, "John Doe" <john@example.com>:'],
    ['Russian Apple Mail', '1 янв. 2024 г., в 10:00, John Doe <john@example.com> написал(а):'],
    // Japanese
    ['Japanese Gmail', '2024年1月1日(月) 10:00 John Doe <john@example.com>:'],
    ['Japanese Apple Mail', '2024/01/01 10:00、John Doe <john@example.com>のメッセージ:'],
    ['Japanese Thunderbird (English header)', 'On 2024/01/01 10:00, John Doe wrote:'],
    // Chinese
    ['Chinese Gmail', 'John Doe <john@example.com> 于2024年1月1日周一 10:00写道：'],
    ['Chinese Apple Mail', '2024年1月1日 上午10:00，John Doe <john@example.com> 写道：'],
    ['Traditional Chinese Gmail', 'John Doe <john@example.com> 於 2024年1月1日 週一 上午10:00寫道：'],
    // Korean
    ['Korean Gmail', '2024년 1월 1일 (월) 오전 10:00, John Doe <john@example.com>님이 작성:'],
    ['Korean Apple Mail', '2024. 1. 1. 오전 10:00, John Doe <john@example.com> 작성:'],
    ['Korean, name only', '2024년 1월 1일 (월) 오전 10:00, 홍길동님이 작성:'],
    ['Japanese, name only', '2024年1月1日(月) 10:00 山田太郎 さんは書きました:'],
    ['Chinese, name only', '在 2024年1月1日 10:00，张三 写道：'],
    ['Russian, name only', '01.01.2024 10:00, Иван Петров написал:'],
    // Others
    ['Turkish Gmail', 'John Doe <john@example.com>, 1 Oca 2024 Pzt, 10:00 tarihinde şunu yazdı:'],
    ['Czech Gmail', 'po 1. 1. 2024 v 10:00 odesílatel John Doe <john@example.com> napsal:'],
    ['Finnish Gmail', 'ma 1. tammik. 2024 klo 10.00 John Doe (john@example.com) kirjoitti:'],
    ['Vietnamese Gmail', 'Vào 10:00 Th 2, 1 thg 1, 2024 John Doe <john@example.com> đã viết:'],
    ['Greek Gmail', 'Στις Δευ 1 Ιαν 2024 στις 10:00, ο/η John Doe <john@example.com> έγραψε:'],
    ['Ukrainian Gmail', 'пн, 1 січ. 2024 р. о 10:00 John Doe <john@example.com> пише:'],
    ['Romanian Gmail', 'În lun., 1 ian. 2024 la 10:00, John Doe <john@example.com> a scris:'],
    ['Indonesian Gmail', 'Pada tanggal Sen, 1 Jan 2024 pukul 10.00 John Doe <john@example.com> menulis:'],
    ['Catalan Gmail', 'El dl., 1 de gen. 2024, a les 10:00, John Doe (<john@example.com>) va escriure:'],
    ['Croatian Gmail', 'pon, 1. sij 2024. u 10:00 John Doe <john@example.com> napisao je:'],
    ['Hebrew Gmail', 'בתאריך יום ב׳, 1 בינו׳ 2024 ב-10:00 מאת John Doe <john@example.com>:'],
    ['Arabic Gmail', 'في الاثنين، 1 يناير 2024 10:00 ص John Doe <john@example.com> كتب:'],
    ['Thai Gmail', 'เมื่อ จ. 1 ม.ค. 2024 10:00 John Doe <john@example.com> เขียนว่า:'],
    ['Lotus Notes', 'John Doe <john@example.com> wrote on 01/01/2024 10:00:00 AM:'],
    ['Lotus Notes in German', 'John Doe <john@example.com> schrieb am 01.01.2024 10:00:00:'],
    ['Android', '---- John Doe wrote ----'],
    ['French Outlook for Mac, address with a mailto link', 'Le 23 janv. 2024 à 22:03, John Doe <john@example.com<mailto:john@example.com>> a écrit:'],
    ['Polish Thunderbird, wrapped before the verb', 'W dniu 28 stycznia 2024 01:53 użytkownik John Doe <john@example.com>\nnapisał:'],
    ['Norwegian Apple Mail', 'På 14 september 2024 på 02:23:18, John Doe (john@example.com) skrev:'],
    ['Dutch Apple Mail, dashed date', 'Op 17-jan.-2024, om 13:18 heeft John Doe <john@example.com> het volgende geschreven:'],
    ['a date and an address wrapped over two lines', '2024-01-01 10:00 GMT+03:00 John Doe <\njohn@example.com>:'],
  ])('%s', (_, header) => expectCutAt(header));
});

describe('attributions without a date', () => {
  it('count when a quote follows them', () => {
    expect(visibleReply(`${NEW}\n\nOn Monday, John Doe wrote:\n${OLD_QUOTED}`)).toBe(NEW);
    expect(visibleReply(`${NEW}\n\n---- John Doe wrote ----\n\n${OLD_PLAIN}`)).toBe(NEW);
  });
});

describe('verbless attributions', () => {
  it('takes a bare date and address for a header only when a quote follows', () => {
    expect(visibleReply(`${NEW}\n2024/4/7 John Doe <john@example.com>\n\n${OLD_QUOTED}`)).toBe(NEW);
    const text = `${NEW}\n2024/4/7 John Doe <john@example.com>\nwill visit on site.`;
    expect(visibleReply(text)).toBe(text);
  });
});

describe('Outlook and webmail header blocks', () => {
  const block = (lines: string[]) => lines.join('\n');
  it.each([
    ['English, original message', block(['-----Original Message-----', 'From: John Doe [mailto:john@example.com]', 'Sent: Monday, January 1, 2024 10:00 AM', 'To: Support', 'Subject: Printer'])],
    ['English, rule', block(['________________________________', 'From: John Doe <john@example.com>', 'Sent: Monday, January 1, 2024 10:00 AM', 'To: Support <support@example.org>', 'Cc: Jane <jane@example.com>', 'Subject: RE: Printer'])],
    ['English, new Outlook (Date)', block(['________________________________', 'From: John Doe <john@example.com>', 'Date: Monday, 1 January 2024 at 10:00', 'To: Support <support@example.org>', 'Subject: Re: Printer'])],
    ['French', block(['________________________________', 'De : John Doe <john@example.com>', 'Envoyé : lundi 1 janvier 2024 10:00', 'À : Support <support@example.org>', 'Objet : RE: Imprimante'])],
    ['French, original message', block(['-----Message d\'origine-----', 'De : John Doe [mailto:john@example.com]', 'Envoyé : lundi 1 janvier 2024 10:00', 'À : Support', 'Objet : Imprimante'])],
    ['German', block(['Von: John Doe <john@example.com>', 'Gesendet: Montag, 1. Januar 2024 10:00', 'An: Support <support@example.org>', 'Betreff: AW: Drucker'])],
    ['German, original message', block(['-----Ursprüngliche Nachricht-----', 'Von: John Doe [mailto:john@example.com]', 'Gesendet: Montag, 1. Januar 2024 10:00', 'An: Support', 'Betreff: Drucker'])],
    ['Italian', block(['Da: John Doe <john@example.com>', 'Inviato: lunedì 1 gennaio 2024 10:00', 'A: Support <support@example.org>', 'Oggetto: R: Stampante'])],
    ['Spanish', block(['De: John Doe <john@example.com>', 'Enviado el: lunes, 1 de enero de 2024 10:00', 'Para: Support <support@example.org>', 'Asunto: RE: Impresora'])],
    ['Portuguese', block(['De: John Doe <john@example.com>', 'Enviada em: segunda-feira, 1 de janeiro de 2024 10:00', 'Para: Support <support@example.org>', 'Assunto: RE: Impressora'])],
    ['Dutch', block(['Van: John Doe <john@example.com>', 'Verzonden: maandag 1 januari 2024 10:00', 'Aan: Support <support@example.org>', 'Onderwerp: RE: Printer'])],
    ['Swedish', block(['Från: John Doe <john@example.com>', 'Skickat: den 1 januari 2024 10:00', 'Till: Support <support@example.org>', 'Ämne: SV: Skrivare'])],
    ['Danish', block(['Fra: John Doe <john@example.com>', 'Sendt: 1. januar 2024 10:00', 'Til: Support <support@example.org>', 'Emne: SV: Printer'])],
    ['Polish', block(['Od: John Doe <john@example.com>', 'Wysłano: poniedziałek, 1 stycznia 2024 10:00', 'Do: Support <support@example.org>', 'Temat: RE: Drukarka'])],
    ['Czech', block(['Od: John Doe <john@example.com>', 'Odesláno: pondělí 1. ledna 2024 10:00', 'Komu: Support <support@example.org>', 'Předmět: RE: Tiskárna'])],
    ['Finnish', block(['Lähettäjä: John Doe <john@example.com>', 'Lähetetty: maanantai 1. tammikuuta 2024 10.00', 'Vastaanottaja: Support <support@example.org>', 'Aihe: VS: Tulostin'])],
    ['Russian', block(['От: John Doe <john@example.com>', 'Отправлено: 1 января 2024 г. 10:00', 'Кому: Support <support@example.org>', 'Тема: RE: Принтер'])],
    ['Turkish', block(['Kimden: John Doe <john@example.com>', 'Gönderildi: 1 Ocak 2024 Pazartesi 10:00', 'Kime: Support <support@example.org>', 'Konu: YNT: Yazıcı'])],
    ['Hungarian', block(['Feladó: John Doe <john@example.com>', 'Elküldve: 2024. január 1. 10:00', 'Címzett: Support <support@example.org>', 'Tárgy: VS: Nyomtató'])],
    ['Japanese', block(['差出人: John Doe <john@example.com>', '送信日時: 2024年1月1日 10:00', '宛先: Support <support@example.org>', '件名: RE: プリンター'])],
    ['Chinese', block(['发件人: John Doe <john@example.com>', '发送时间: 2024年1月1日 10:00', '收件人: Support <support@example.org>', '主题: 回复: 打印机'])],
    ['Chinese, full-width colons', block(['发件人：John Doe <john@example.com>', '发送时间：2024年1月1日 10:00', '收件人：Support <support@example.org>', '主题：回复: 打印机'])],
    ['Chinese QQ Mail', block(['------------------ 原始邮件 ------------------', '发件人: "John Doe"<john@example.com>;', '发送时间: 2024年1月1日(星期一) 上午10:00', '收件人: "Support"<support@example.org>;', '主题: 打印机'])],
    ['Traditional Chinese', block(['寄件者: John Doe <john@example.com>', '寄件日期: 2024年1月1日 上午 10:00', '收件者: Support <support@example.org>', '主旨: RE: 印表機'])],
    ['Korean', block(['보낸 사람: John Doe <john@example.com>', '보낸 날짜: 2024년 1월 1일 월요일 오전 10:00', '받는 사람: Support <support@example.org>', '제목: RE: 프린터'])],
    ['Vietnamese', block(['Từ: John Doe <john@example.com>', 'Gửi: Thứ Hai, ngày 1 tháng 1 năm 2024 10:00', 'Đến: support@example.org', 'Chủ đề: Máy in'])],
    ['Indonesian', block(['Dari: John Doe <john@example.com>', 'Dikirim: Senin, 1 Januari 2024 10.00', 'Kepada: support@example.org', 'Perihal: Printer'])],
    ['Greek', block(['Από: John Doe <john@example.com>', 'Στάλθηκε: Δευτέρα, 1 Ιανουαρίου 2024 10:00 πμ', 'Προς: support@example.org', 'Θέμα: Εκτυπωτής'])],
    ['Outlook for Android', block(['From: John Doe <john@example.com>', 'Sent: Monday, January 1, 2024 10:00:00 AM', 'To: support@example.org <support@example.org>', 'Subject: Re: Printer'])],
    ['Yahoo', block(['----- Original Message -----', 'From: John Doe <john@example.com>', 'To: support@example.org', 'Sent: Monday, January 1, 2024 10:00 AM', 'Subject: Printer'])],
    ['Samsung Email', block(['-------- Original message --------', 'From: John Doe <john@example.com>', 'Date: 01/01/2024 10:00 (GMT+01:00)', 'To: support@example.org', 'Subject: Printer'])],
    ['Samsung Email in German', block(['-------- Originalnachricht --------', 'Von: John Doe <john@example.com>', 'Datum: 01.01.2024 10:00 (GMT+01:00)', 'An: support@example.org', 'Betreff: Drucker'])],
    ['Samsung Email in Polish', block(['-------- Oryginalna wiadomość --------', 'Od: John Doe <john@example.com>', 'Data: 01.01.2024 10:00 (GMT+01:00)', 'Do: support@example.org', 'Temat: Drukarka'])],
    ['Samsung Email in Swedish', block(['-------- Ursprungligt meddelande --------', 'Från: John Doe <john@example.com>', 'Datum: 2024-01-01 10:00 (GMT+01:00)', 'Till: support@example.org', 'Ämne: Skrivare'])],
    ['bold labels (Outlook plain text of HTML)', block(['*From:* John Doe <john@example.com>', '*Sent:* Monday, January 1, 2024 10:00 AM', '*To:* Support', '*Subject:* RE: Printer'])],
  ])('%s', (_, header) => expectCutAt(header));
});

describe('wrapped and unusual header shapes', () => {
  it.each([
  ['attribution wrapped over four lines', 'Thanks, fixed.\n\nOn Jan 1, 2024, at 10:00 AM, Someone <\n0123456789abcdef0123456789abcdef\n@example.com>\nwrote:\n\nOld message'],
  ['attribution wrapped after a long name', 'Thanks, fixed.\n\nOn Fri, Jan 5, 2024 at 6:03 PM, John Smith from Example Support\n<john@example.com> wrote:\n\n> Old.\n>\n> John'],
  ['Samsung signature over its original message', 'Thanks, fixed.\n\nSent from my Samsung device\n\n\n-------- Original message --------\nFrom: John <john@example.com>\nDate: 1/1/24 10:00 (GMT+01:00)\nTo: me@example.com\nSubject: Re: x\n\nOld'],
  ['German block starting with Datum', 'Thanks, fixed.\n\nDatum: 01.01.2024 10:00\nVon: John <john@example.com>\nAn: support@example.org\nBetreff: Drucker\n\nOld'],
  ['quote without a space after >', 'Thanks, fixed.\n\nOn 2024-01-01, at 10:00, John Doe <john@example.com> wrote:\n>Old without space'],
  ['Outlook for Mac block', 'Thanks, fixed.\n\nFrom: John Doe <john@example.com>\nDate: Monday, 1 January 2024 at 10:00\nTo: Support <support@example.org>\nSubject: Re: Printer\n\nOld'],
  ['French Outlook for Mac block', 'Thanks, fixed.\n\nDe : John Doe <john@example.com>\nDate : lundi, 1 janvier 2024 à 10:00\nÀ : Support <support@example.org>\nObjet : Re: Imprimante\n\nOld'],
  ['Gmail attribution wrapped over three lines', 'Thanks, fixed.\n\nOn Mon, Jan 1, 2024 at 10:00 AM Very Long Display Name Of A Person At A\nCompany <very.long.address.of.a.person@some-company-domain.example.com>\nwrote:\n\n> Old'],
  ['block of Date and To only', 'Thanks, fixed.\n\nDate: Mon, 1 Jan 2024 10:00:00 +0100\nTo: john@example.com\n\n'],
  ['Spanish Outlook block with Enviado el', 'Thanks, fixed.\n\nDe: John Doe <john@example.com>\nEnviado el: lunes, 1 de enero de 2024 10:00\nPara: Support\nAsunto: RE: Impresora\n\nOld'],
  ])('strips the %s', (_, text) => expect(visibleReply(text)).toBe('Thanks, fixed.'));
});

describe('signatures', () => {
  it('drops a device signature under a closing that names the sender', () => {
    expect(visibleReply(`${NEW}\n\nThanks,\nAlex\n\nSent from my iPhone`, { sender: 'Alex <alex@example.com>' })).toBe(NEW);
  });

  it('cuts at Samsung\'s "Sent from" line glued to the attribution', () => {
    expect(visibleReply(`${NEW}\n\nSent from Samsung MobileJohn Doe <john@example.com> wrote:\n\n${OLD_QUOTED}`)).toBe(NEW);
  });

  it.each([
    'Sent from my iPhone', 'Sent from my iPad', 'Envoyé de mon iPhone', 'Von meinem iPhone gesendet', 'Enviado desde mi iPhone',
    'Enviado do meu iPhone', 'Inviato da iPhone', 'Verstuurd vanaf mijn iPhone', 'Skickat från min iPhone', 'Sendt fra min iPhone',
    'Wysłane z iPhone\'a', 'Отправлено с iPhone', 'iPhoneから送信', '发自我的iPhone', 'iPhone에서 보냄',
    'Sent from my Galaxy', 'Sent from my Samsung Galaxy smartphone.', 'Von meinem Samsung Galaxy Smartphone gesendet.',
    'Sent from Yahoo Mail on Android', 'Get Outlook for Android', 'Get Outlook for iOS<https://aka.ms/o0ukef>',
    'Holen Sie sich Outlook für Android<https://aka.ms/ghei36>', 'Obtenir Outlook pour iOS<https://aka.ms/o0ukef>',
    'Sent from Mail for Windows', 'Sent from my BlackBerry 10 smartphone.', 'Sent with Proton Mail secure email.', 'Sent with Spark',
  ])('drops "%s"', (signature) => {
    expect(visibleReply(`${NEW}\n\n${signature}`)).toBe(NEW);
    expect(visibleReply(`${NEW}\n\n${signature}\n\nOn Mon, Jan 1, 2024 at 10:00 AM Support <s@example.org> wrote:\n${OLD_QUOTED}`)).toBe(NEW);
  });

  it.each([
    ['"-- " delimiter', `${NEW}\n\n-- \nJohn Doe\nACME Corp | +1 555 0100`],
    ['"--" delimiter with its trailing space lost', `${NEW}\n\n--\nJohn Doe\nACME Corp`],
    ['"-- " then the quote', `${NEW}\n\n-- \nJohn Doe\n\nOn Mon, Jan 1, 2024 at 10:00 AM Support <s@example.org> wrote:\n${OLD_QUOTED}`],
  ])('drops the signature after a %s', (_, text) => {
    expect(visibleReply(text)).toBe(NEW);
  });

  it('drops a signature card that starts with the sender\'s name, with or without a sign-off', () => {
    const card = 'Jane Doe\nHead of IT, ACME\n+1 555 0100\nwww.acme.example';
    expect(visibleReply(`${NEW}\n\n${card}`, { sender: 'Jane Doe' })).toBe(NEW);
    expect(visibleReply(`${NEW}\n\nMit freundlichen Grüßen\n${card}`, { sender: 'Jane Doe' })).toBe(NEW);
    expect(visibleReply(`${NEW}\n\nJane`, { sender: 'jane@example.com' })).toBe(NEW);
  });

  it.each([
    `${NEW}\n\nJane will send the logs tomorrow.`,
    `${NEW}\n\nJane's laptop\nDell XPS 13\nWindows 11`,
    `${NEW}\n\nJane Doe called.\nShe says it is urgent.`,
  ])('keeps a last paragraph that merely mentions the sender: %j', (text) => {
    expect(visibleReply(text, { sender: 'Jane Doe' })).toBe(text);
  });

  it('keeps sentences that start like a device signature', () => {
    const text = 'Sent from my work laptop, the upload fails with error 500.\nSent the file twice already.';
    expect(visibleReply(text)).toBe(text);
  });
});

describe('forwards are content, not history', () => {
  it.each([
    ['Gmail', '---------- Forwarded message ---------\nFrom: Customer <c@example.com>\nDate: Mon, Jan 1, 2024 at 10:00 AM\nSubject: Broken printer\nTo: <jane@example.com>'],
    ['Gmail in German', '---------- Weitergeleitete Nachricht ---------\nVon: Customer <c@example.com>\nDate: Mo., 1. Jan. 2024 um 10:00 Uhr\nSubject: Drucker\nTo: <jane@example.com>'],
    ['Gmail in French', '---------- Forwarded message ---------\nDe : Customer <c@example.com>\nDate: lun. 1 janv. 2024 à 10:00\nSubject: Imprimante\nTo: <jane@example.com>'],
    ['Gmail in Spanish', '---------- Mensaje reenviado ---------\nDe: Customer <c@example.com>\nDate: lun, 1 ene 2024 a las 10:00\nSubject: Impresora\nTo: <jane@example.com>'],
    ['Apple Mail', 'Begin forwarded message:\n\nFrom: Customer <c@example.com>\nSubject: Broken printer\nDate: 1 January 2024 at 10:00:00 CET\nTo: Jane <jane@example.com>'],
    ['Apple Mail in German', 'Anfang der weitergeleiteten Nachricht:\n\nVon: Customer <c@example.com>\nBetreff: Drucker\nDatum: 1. Januar 2024 um 10:00:00 MEZ\nAn: Jane <jane@example.com>'],
    ['Apple Mail in French', 'Début du message réexpédié :\n\nDe: Customer <c@example.com>\nObjet: Imprimante\nDate: 1 janvier 2024 à 10:00:00 UTC+1\nÀ: Jane <jane@example.com>'],
    ['Thunderbird', '-------- Forwarded Message --------\nSubject: Broken printer\nDate: Mon, 1 Jan 2024 10:00:00 +0100\nFrom: Customer <c@example.com>\nTo: jane@example.com'],
    ['Thunderbird in German', '-------- Weitergeleitete Nachricht --------\nBetreff: Drucker\nDatum: Mon, 1 Jan 2024 10:00:00 +0100\nVon: Customer <c@example.com>\nAn: jane@example.com'],
  ])('keeps a %s forward with its note', (_, header) => {
    const text = `Please see the customer's mail below.\n\n${header}\n\nThe printer on floor 2 is broken.`;
    expect(visibleReply(text)).toBe(text);
  });

  it('keeps an iPhone forward, whose forwarded mail is quoted', () => {
    const text = 'FYI\n\nSent from my iPhone\n\nBegin forwarded message:\n\n> From: Customer <c@example.com>\n> Date: 1 January 2024 at 10:00:00 CET\n> To: jane@example.com\n> Subject: Broken printer\n>\n> The printer on floor 2 is broken.';
    expect(visibleReply(text)).toBe(text);
  });

  it('still strips a quote whose history holds a forward', () => {
    const text = `${NEW}\n\nOn Mon, Jan 1, 2024 at 10:00 AM Support <s@example.org> wrote:\n> ---------- Forwarded message ---------\n> From: Customer <c@example.com>\n> Broken.`;
    expect(visibleReply(text)).toBe(NEW);
  });

  const outlookBody = 'FYI.\r\n\r\nFrom: Customer <c@example.com>\r\nSent: Monday, January 1, 2024 10:00 AM\r\nTo: Jane <jane@example.com>\r\nSubject: Printer\r\n\r\nThe printer is broken.';
  const outlookMail = (subject: string) => parseMail(Buffer.from(`From: Jane <jane@example.com>\r\nSubject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${outlookBody}\r\n`));
  it.each(['Fwd: Printer', 'FW: Printer', 'WG: Drucker', 'TR: Imprimante', 'RV: Impresora', 'I: Stampante', 'ENC: Impressora', 'VB: Skrivare', 'PD: Drukarka', 'Doorst: Printer', 'İLT: Yazıcı', '转发: 打印机'])(
    'treats %j as a forward', async (subject) => {
      expect(extractReply(await outlookMail(subject))).toContain('The printer is broken.');
    },
  );
  it.each(['RE: Printer', 'AW: Drucker', 'SV: Skrivare', 'R: Stampante', 'Re: FW: Printer', 'Printer'])('treats %j as a reply', async (subject) => {
    expect(extractReply(await outlookMail(subject))).toBe('FYI.');
  });

  it('keeps an Outlook forward when the subject says it is one', async () => {
    const body = 'FYI, see below.\r\n\r\n________________________________\r\nFrom: Customer <c@example.com>\r\nSent: Monday, January 1, 2024 10:00 AM\r\nTo: Jane <jane@example.com>\r\nSubject: Broken printer\r\n\r\nThe printer is broken.';
    const forward = await parseMail(Buffer.from(`From: Jane <jane@example.com>\r\nSubject: FW: Broken printer\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`));
    expect(extractReply(forward)).toBe(body.replaceAll('\r\n', '\n'));
    const reply = await parseMail(Buffer.from(`From: Jane <jane@example.com>\r\nSubject: RE: FW: Broken printer\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`));
    expect(extractReply(reply)).toBe('FYI, see below.');
  });
});

describe('inline replies', () => {
  it('keeps the answers interleaved with quoted lines', () => {
    const text = [
      'On Mon, Jan 1, 2024 at 10:00 AM Support <s@example.org> wrote:',
      '> Which version do you use?',
      '',
      'Version 2.3.',
      '',
      '> And which browser?',
      '',
      'Firefox 121 on Windows.',
      '',
      '> Best regards, Support',
    ].join('\n');
    const visible = visibleReply(text);
    expect(visible).toContain('Version 2.3.');
    expect(visible).toContain('Firefox 121 on Windows.');
    expect(visible).not.toContain('Which version');
    expect(visible).not.toContain('wrote:');
  });

  it('keeps German inline answers under an Am ... schrieb header', () => {
    const text = 'Hallo,\n\nAm 01.01.2024 um 10:00 schrieb Support <s@example.org>:\n> Welche Version?\n\nVersion 2.\n\n> Welcher Browser?\n\nFirefox.';
    const visible = visibleReply(text);
    expect(visible).toContain('Version 2.');
    expect(visible).toContain('Firefox.');
    expect(visible).not.toMatch(/Welche|schrieb/);
  });
});

describe('ordinary text that looks like a header', () => {
  it.each([
    'On Monday I tried to log in, but it failed.\nOn Tuesday it worked again.',
    'On 01.01.2024 the invoice was sent twice.\nPlease refund one of them.',
    'On the settings page, John wrote: "enable 2FA" - where is that?',
    'Am Montag ging es noch.\nAm Dienstag nicht mehr.',
    'Le 1er janvier, tout marchait.\nDepuis, plus rien.',
    'From: the login page\nTo: the dashboard\nthe redirect fails.',
    '>50% of our users cannot log in since the update.\nPlease check.',
    '>= 2 attachments make the upload fail.',
    'De: 10:00 a 12:00 no funciona.',
    'Sent from my iPhone, the form does not submit; from a desktop it does.',
    'The parcel:\nSent via DHL yesterday\nTracking 1234\nPlease check.',
    'Find help on our portal.\n>>> https://portal.example.com <<<\nLog in with your account.',
    'Hello,\n\nOn Monday I wrote:\n"please reset my password"\nbut nothing happened.',
    'Hello,\n\nOn the 3rd we wrote to you about this:\nstill no answer.',
    'Hi,\n\nAm 01.01.2024 um 10:00 schrieb ich Ihnen bereits:\nBitte Passwort zurücksetzen.',
    'Hallo,\n\nAm Montag schrieb mir Ihr Kollege:\n"Das Paket kommt morgen."\nEs kam aber nicht.',
    'Hi,\n\nOn Monday, your colleague wrote:\n"It ships tomorrow."\nIt did not.',
    'Bonjour,\n\nLe service client a écrit :\n"livraison demain"\nRien reçu.',
    'Hi,\n\nLe 1er janvier 2024 à 10:00, la facture a été envoyée.\nMerci.',
    'Hi,\n\nOn 01/01/2024 at 10:00 the server went down.\nOn 02/01/2024 at 11:00 it came back.',
    'Dear support,\n\nVon meinem Konto wurde doppelt abgebucht.\nBitte prüfen.',
    'Hi,\n\nDate: 2024-01-01\nFrom: Berlin\nTo: Munich\nPlease change my booking.',
  ])('keeps %j', (text) => {
    expect(visibleReply(text)).toBe(text);
  });
});

describe('HTML replies', () => {
  const history = '<div>The printer is broken.</div><div>Please help.</div>';
  it.each([
    ['Gmail', `<div dir="ltr">${NEW}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jan 1, 2024 at 10:00 AM John Doe &lt;<a href="mailto:john@example.com">john@example.com</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${history}</blockquote></div>`],
    ['Gmail in French', `<div dir="ltr">${NEW}</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">Le lun. 1 janv. 2024 à 10:00, John Doe &lt;<a href="mailto:john@example.com">john@example.com</a>&gt; a écrit&nbsp;:<br></div><blockquote class="gmail_quote">${history}</blockquote></div>`],
    ['Outlook on the web', `<div>${NEW}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> John Doe &lt;john@example.com&gt;<br><b>Sent:</b> Monday, January 1, 2024 10:00 AM<br><b>To:</b> Support<br><b>Subject:</b> Printer</font><div>&nbsp;</div></div>${history}`],
    ['Outlook desktop (border-top separator)', `<div class="WordSection1"><p class="MsoNormal">${NEW}</p><p class="MsoNormal">&nbsp;</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Von:</b> John Doe &lt;john@example.com&gt;<br><b>Gesendet:</b> Montag, 1. Januar 2024 10:00<br><b>An:</b> Support<br><b>Betreff:</b> Drucker</p></div></div>${history}</div>`],
    ['French Outlook desktop (no-break space before the colons)', `<div class="WordSection1"><p class="MsoNormal">${NEW}</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>De&nbsp;:</b> John Doe &lt;john@example.com&gt;<br><b>Envoyé&nbsp;:</b> lundi 1 janvier 2024 10:00<br><b>À&nbsp;:</b> Support<br><b>Objet&nbsp;:</b> Imprimante</p></div>${history}</div>`],
    ['Apple Mail', `<div>${NEW}</div><div><br><blockquote type="cite"><div>On 1 Jan 2024, at 10:00, John Doe &lt;john@example.com&gt; wrote:</div><br>${history}</blockquote></div>`],
    ['Yahoo', `<div>${NEW}</div><div id="yahoo_quoted_1234" class="yahoo_quoted"><div>On Monday, January 1, 2024, 10:00:00 AM GMT+1, John Doe &lt;john@example.com&gt; wrote:</div>${history}</div>`],
    ['Thunderbird', `<p>${NEW}</p><div class="moz-cite-prefix">On 01/01/2024 10:00, John Doe wrote:<br></div><blockquote type="cite" cite="mid:1@example.com">${history}</blockquote>`],
    ['Zimbra', `<div>${NEW}</div><br><hr id="zwchr"><div><b>From: </b>"John Doe" &lt;john@example.com&gt;<br><b>To: </b>support@example.org<br><b>Sent: </b>Monday, January 1, 2024 10:00:00 AM<br><b>Subject: </b>Printer<br></div>${history}`],
    ['a plain <hr> separator', `<p>${NEW}</p><hr>${history}`],
    ['Yandex', `<div>${NEW}</div><div>&nbsp;</div><div>01.01.2024, 10:00, "John" &lt;john@example.com&gt;:</div><blockquote type="cite">${history}</blockquote>`],
    ['Mail.ru', `<div>${NEW}</div><br><br><br>Понедельник, 1 января 2024, 10:00 +03:00 от John &lt;john@example.com&gt;:<br><blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">${history}</blockquote>`],
    ['Hotmail', `<div>${NEW}</div><br><div><hr id="stopSpelling">Date: Mon, 1 Jan 2024 10:00:00 +0100<br>Subject: Printer<br>From: john@example.com<br>To: support@example.org<br><br>${history}</div>`],
    ['Outlook 2003', `<div class="Section1"><p class="MsoNormal">${NEW}</p><div style="border:none;border-left:solid blue 1.5pt;padding:0cm 0cm 0cm 4.0pt"><div class="MsoNormal" align="center" style="text-align:center"><font size="3"><hr size="2" width="100%" align="center" tabindex="-1"></font></div><p class="MsoNormal"><b>From:</b> John<br><b>Sent:</b> Monday<br><b>To:</b> Support<br><b>Subject:</b> Printer</p>${history}</div></div>`],
    ['Outlook Express', `<div>${NEW}</div><blockquote style="PADDING-RIGHT: 0px; PADDING-LEFT: 5px; MARGIN-LEFT: 5px; BORDER-LEFT: #000000 2px solid; MARGIN-RIGHT: 0px"><div style="FONT: 10pt arial">----- Original Message ----- </div><div><b>From:</b> John</div>${history}</blockquote>`],
    ['Gmail with a signature', `<div dir="ltr">${NEW}<br clear="all"><br>-- <br><div dir="ltr" class="gmail_signature">John Doe<br>ACME</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jan 1, 2024 at 10:00 AM John &lt;john@example.com&gt; wrote:<br></div><blockquote class="gmail_quote">${history}</blockquote></div>`],
    ['Outlook for iOS', `<div dir="auto">${NEW}</div><div dir="auto"><br></div><div id="ms-outlook-mobile-signature"><div dir="ltr">Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div></div><div id="mail-editor-reference-message-container"><br><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> John</div>${history}</div>`],
    ['Proton Mail', `<div>${NEW}</div><div class="protonmail_signature_block"><div>Sent with <a href="https://proton.me">Proton Mail</a> secure email.</div></div><div class="protonmail_quote">On Monday, January 1st, 2024 at 10:00, John &lt;john@example.com&gt; wrote:<br><blockquote class="protonmail_quote" type="cite">${history}</blockquote></div>`],
    ['Zoho', `<div>${NEW}</div><div class="zmail_extra"><div id="Zm-_Id_-Sgn1">---- On Mon, 01 Jan 2024 10:00:00 +0100 <b>John &lt;john@example.com&gt;</b> wrote ----<br></div><blockquote style="border-left: 1px solid rgb(204, 204, 204); padding-left: 6px; margin: 0px 0px 0px 5px;">${history}</blockquote></div>`],
    ['GMX / WEB.DE', `<div>${NEW}</div><div name="quote" style="margin:10px 5px 5px 10px; padding: 10px 0 10px 10px; border-left:2px solid #C3D9E5;"><div style="margin:0 0 10px 0;"><b>Gesendet:</b>&nbsp;Montag, 01. Januar 2024 um 10:00 Uhr<br><b>Von:</b>&nbsp;"John" &lt;john@example.com&gt;<br><b>An:</b>&nbsp;support@example.org<br><b>Betreff:</b>&nbsp;Drucker</div>${history}</div>`],
  ])('strips the %s history', (_, html) => {
    expect(htmlToVisibleReply(html)).toBe(NEW);
  });

  it('keeps a Gmail forward', () => {
    const html = `<div dir="ltr">Please see below.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <b class="gmail_sendername">Customer</b> &lt;c@example.com&gt;<br>Date: Mon, Jan 1, 2024 at 10:00 AM<br>Subject: Broken printer<br>To: &lt;jane@example.com&gt;<br></div><br><br><div>The printer on floor 2 is broken.</div></div></div>`;
    const visible = htmlToVisibleReply(html);
    expect(visible).toContain('Please see below.');
    expect(visible).toContain('The printer on floor 2 is broken.');
  });

  it('keeps an Apple Mail forward, whose marker sits inside the quote', () => {
    const html = '<div>FYI</div><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br><div><b>From: </b>Customer &lt;c@example.com&gt;<br><b>Subject: </b>Broken printer<br></div><br><div>The printer on floor 2 is broken.</div></blockquote></div>';
    const visible = htmlToVisibleReply(html);
    expect(visible).toMatch(/^FYI/);
    expect(visible).toContain('The printer on floor 2 is broken.');
  });

  it('keeps an Outlook on the web forward when the subject says FW:', async () => {
    const html = '<div>FYI, see below.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Customer &lt;c@example.com&gt;<br><b>Sent:</b> Monday, January 1, 2024 10:00 AM<br><b>To:</b> Jane<br><b>Subject:</b> Broken printer</div><div>The printer on floor 2 is broken.</div>';
    const parse = (subject: string) => parseMail(Buffer.from(`From: Jane <jane@example.com>\r\nSubject: ${subject}\r\nContent-Type: text/html\r\n\r\n${html}\r\n`));
    const forward = extractReply(await parse('FW: Broken printer'));
    expect(forward).toMatch(/^FYI, see below\./);
    expect(forward).toContain('The printer on floor 2 is broken.');
    expect(extractReply(await parse('RE: Broken printer'))).toBe('FYI, see below.');
  });

  it('does not cut at an <hr> before any text', () => {
    expect(htmlToVisibleReply(`<hr><p>${NEW}</p>`)).toBe(NEW);
  });
});

const BASE = 'From: Jane <jane@example.com>\r\nTo: support@example.org\r\nMessage-ID: <1@example.com>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000';
const mail = (headers: string, body = 'Hello') => parseMail(Buffer.from(`${headers.trim()}\r\n\r\n${body}\r\n`));

describe('classifying auto-replies', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'auto-reply'],
    ['Auto-Submitted: auto-replied (vacation)', 'auto-reply'],
    ['X-Autoreply: yes', 'auto-reply'],
    ['X-Autorespond: Out of office', 'auto-reply'],
    ['Precedence: auto_reply', 'auto-reply'],
    ['X-MS-Exchange-Inbox-Rules-Loop: jane@example.com\r\nIn-Reply-To: <0@example.org>', 'auto-reply'],
    // an inbox rule that forwards or redirects: a ticket, but never an automatic answer
    ['X-MS-Exchange-Inbox-Rules-Loop: jane@example.com', 'bulk'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: junk', 'bulk'],
    ['Precedence: list', 'bulk'],
    ['X-Auto-Response-Suppress: All', 'bulk'],
    ['X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply', 'bulk'],
    ['List-Id: <users.lists.example.org>', 'bulk'],
    ['List-Unsubscribe: <https://example.org/u>', 'bulk'],
    ['Auto-Submitted: auto-generated', 'bulk'],
    ['X-Loop: support@example.org', 'bulk'],
    ['Auto-Submitted: no', 'normal'],
    ['X-Autoreply: no', 'normal'],
    ['X-Auto-Response-Suppress: DR, RN', 'normal'],
  ])('%s is %s', async (header, kind) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: Re: Printer\r\n${header}`)).kind).toBe(kind);
  });

  it.each([
    'Out of Office: Re: Printer', 'Automatic reply: Printer', 'Auto Reply: Printer', 'Autoreply: Printer',
    'Abwesenheitsnotiz: Drucker', 'Automatische Antwort: Drucker', 'Réponse automatique : Imprimante',
    'Réponse automatique: Imprimante', 'Respuesta automática: Impresora', 'Risposta automatica: Stampante',
    'Automatisch antwoord: Printer', 'Autosvar: Skrivare', 'Automaattinen vastaus: Tulostin', 'Odpowiedź automatyczna: Drukarka',
    'Automatická odpověď: Tiskárna', 'Автоматический ответ: Принтер', '自動返信: プリンター', '自动回复: 打印机',
    'Resposta automática: Impressora', 'Otomatik yanıt: Yazıcı', 'Fuera de la oficina: Impresora', 'Out of office',
    'Automatic reply: [#42] Printer', '[Auto-Reply] Printer', 'Automatisk svar: Printer', 'Automatikus válasz: Nyomtató', '자동 응답: 프린터', '자동 회신: 프린터',
    'Răspuns automat: Imprimantă', 'Automatski odgovor: Pisač', 'Автоматична відповідь: Принтер',
    'AUTO: Jane Doe is out of the office (returning 08.01.2024)',
  ])('subject %j is an auto-reply', async (subject) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: ${subject}`))).toMatchObject({ kind: 'auto-reply' });
  });

  it.each([
    'Re: Printer', 'Question about out of office hours support', 'My automatic reply rule sends too much', 'Absence of invoice',
    'Re: Automatic reply settings in Outlook do not save', 'Delivery of my order failed to arrive', 'Abwesenheit im Team planen',
  ])('subject %j is a person writing', async (subject) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: ${subject}`))).toEqual({ kind: 'normal' });
  });
});

describe('classifying bounces', () => {
  const dsn = (status: string, action = 'failed') =>
    `--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nAction: ${action}\r\nStatus: ${status}\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <orig@example.org>\r\nSubject: Printer\r\n\r\n--b--`;

  it('reads a multipart/report delivery-status (Postfix, Exchange, Gmail all send one)', async () => {
    const bounce = await mail(`From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\nTo: support@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"`, dsn('5.1.1'));
    expect(classifyMail(bounce)).toMatchObject({ kind: 'bounce', reason: 'delivery-report', originalMessageId: 'orig@example.org', failedRecipients: ['bob@example.net'] });
  });

  it('tells a delay from a failure', async () => {
    const delayed = await mail(`From: postmaster@mx.example.org\r\nTo: support@example.org\r\nSubject: Delivery Status Notification (Delay)\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"`, dsn('4.4.7', 'delayed'));
    expect(classifyMail(delayed)).toMatchObject({ kind: 'bounce', reason: 'delivery-delayed' });
  });

  it.each([
    ['Gmail, without a report', 'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nSubject: Delivery Status Notification (Failure)'],
    ['Exchange, without a report', 'From: Microsoft Outlook <postmaster@contoso.com>\r\nReturn-Path: <>\r\nSubject: Undeliverable: Printer'],
    ['Postfix', 'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\nSubject: Undelivered Mail Returned to Sender'],
    ['Exim', 'From: Mail Delivery System <Mailer-Daemon@mx.example.org>\r\nX-Failed-Recipients: bob@example.net\r\nSubject: Mail delivery failed: returning message to sender'],
    ['qmail', 'From: MAILER-DAEMON@mx.example.org\r\nSubject: failure notice'],
    ['German Exchange', 'From: postmaster@example.de\r\nReturn-Path: <>\r\nSubject: Unzustellbar: Drucker'],
    ['French Exchange', 'From: postmaster@example.fr\r\nReturn-Path: <>\r\nSubject: Non remis : Imprimante'],
    ['Swedish Exchange', 'From: postmaster@example.se\r\nReturn-Path: <>\r\nSubject: Olevererbart: Skrivare'],
    ['Portuguese Exchange', 'From: postmaster@example.pt\r\nReturn-Path: <>\r\nSubject: Não é possível entregar: Impressora'],
    ['Japanese Exchange', 'From: postmaster@example.jp\r\nReturn-Path: <>\r\nSubject: 配信不能: プリンター'],
    ['Exchange Online, marked as an NDR', 'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>\r\nX-MS-Exchange-Message-Is-Ndr:\r\nSubject: Undeliverable: Printer'],
    ['no sender at all and a bounce subject', 'Subject: Undelivered Mail Returned to Sender'],
    ['a null return path and a bounce subject', 'From: Mail System <system@mx.example.net>\r\nReturn-Path: <>\r\nSubject: Returned mail: see transcript for details'],
  ])('%s', async (_, headers) => {
    expect(classifyMail(await mail(`${headers}\r\nTo: support@example.org\r\nMessage-ID: <b@x>`))).toMatchObject({ kind: 'bounce' });
  });

  it.each([
    ['a person at postmaster@ writing normally', 'From: postmaster@example.com\r\nSubject: Question about our DNS'],
    ['a null return path alone (spam does that)', 'From: Jane <jane@example.com>\r\nReturn-Path: <>\r\nSubject: Cheap watches'],
    ['a customer writing about a failed delivery', 'From: Jane <jane@example.com>\r\nSubject: Delivery failed for my parcel'],
  ])('%s is not a bounce', async (_, headers) => {
    expect(classifyMail(await mail(`${headers}\r\nTo: support@example.org\r\nMessage-ID: <b@x>`)).kind).not.toBe('bounce');
  });
});
