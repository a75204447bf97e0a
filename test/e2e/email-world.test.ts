import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

// The world's mail clients through the real SMTP ingest: a Japanese Outlook reply (a rule, then
// a 差出人:/送信日時:/宛先:/件名: block, "iPhoneから送信" above it) keeps only the new text.

const runtime = inject('runtime');
const support = runtime.supportAddress as string;
const agent = api(runtime.tokens.agent);
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: runtime.smtpPort as number, secure: false, ignoreTLS: true });
const unique = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@mail-world.example`;
const detail = async (id: string) => (await agent.get(`/v1/tickets/${id}`)).body;
const outbox = async (to: string) => (await agent.get(`/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.items as { raw: string }[];

describe('mail from the world\'s clients over real SMTP', { timeout: 4 * EVENT_WAIT_MS }, () => {
  it('stores only the new text of a Japanese Outlook reply', async () => {
    const from = unique('yamada');
    await transport.sendMail({ from: `山田 花子 <${from}>`, to: support, subject: 'プリンターの故障', text: '2階のプリンターが印刷できません。' });
    const ticket = await eventually(async () => {
      const { body } = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`);
      expect(body.items).toHaveLength(1);
      return body.items[0] as { id: string; number: string };
    });
    const confirmation = await eventually(async () => {
      const [mail] = await outbox(from);
      expect(mail).toBeDefined();
      return simpleParser(mail.raw);
    });

    const quoted = [
      '________________________________',
      `差出人: Support <${support}>`,
      '送信日時: 2026年12月7日 10:00',
      `宛先: 山田 花子 <${from}>`,
      `件名: [${ticket.number}] We received your request: プリンターの故障`,
      '',
      'We received your request.',
      'An agent will answer soon.',
    ];
    await transport.sendMail({
      from: `山田 花子 <${from}>`,
      to: support,
      subject: `RE: [${ticket.number}] We received your request: プリンターの故障`,
      inReplyTo: confirmation.messageId,
      references: [confirmation.messageId!],
      text: ['ありがとうございます。再起動したら直りました。', '', 'iPhoneから送信', '', ...quoted].join('\r\n'),
    });

    const messages = await eventually(async () => {
      const { messages } = await detail(ticket.id);
      expect(messages).toHaveLength(2);
      return messages as { body: string }[];
    });
    expect(messages.map((m) => m.body)).toEqual(['2階のプリンターが印刷できません。', 'ありがとうございます。再起動したら直りました。']);
  });
});
