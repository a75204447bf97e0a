import { describe, expect, it } from 'vitest';
import { isExecutableByName, looksExecutable } from '../../../../functions/domain/attachments/content-policy';
import { inspectContent } from '../../../../functions/domain/attachments/inspect-content';
import { hourlyWindow } from '../../../../functions/domain/tickets/creation-quota';
import { messageEventData, truncateUtf8 } from '../../../../functions/domain/tickets/message-event';
import type { Message } from '../../../../functions/domain/tickets/message.entity';
import { EVENT_BODY_MAX_BYTES } from '../../../../schemas/events';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
const ELF = Buffer.concat([Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(100)]);

describe('content policy', () => {
  it('refuses programs and scripts by name and declared type, case and parameters aside', () => {
    expect(isExecutableByName('setup.EXE', 'application/octet-stream')).toBe(true);
    expect(isExecutableByName('run.sh', 'text/plain')).toBe(true);
    expect(isExecutableByName('notes.txt', 'application/x-msdownload')).toBe(true);
    expect(isExecutableByName('page.txt', 'text/javascript; charset=utf-8')).toBe(true);
    expect(isExecutableByName('report.pdf', 'application/pdf')).toBe(false);
    expect(isExecutableByName('archive.exe.pdf', 'application/pdf')).toBe(false);
  });

  it('recognises PE, ELF, Mach-O and #! scripts by content', () => {
    expect(looksExecutable(PE)).toBe(true);
    expect(looksExecutable(ELF)).toBe(true);
    expect(looksExecutable(Buffer.from('cffaedfe07000001', 'hex'))).toBe(true);
    expect(looksExecutable(Buffer.from('#!/bin/sh\nrm -rf /'))).toBe(true);
    expect(looksExecutable(PDF)).toBe(false);
  });
});

describe('inspectContent (file-type)', () => {
  it('accepts content that is what it claims, aliases included', async () => {
    expect(await inspectContent(PNG, 'image/png')).toEqual({ ok: true, detected: 'image/png' });
    expect(await inspectContent(PDF, 'application/pdf')).toMatchObject({ ok: true });
    expect(await inspectContent(Buffer.from('a,b\n1,2\n'), 'text/csv')).toEqual({ ok: true });
    expect(await inspectContent(Buffer.from('{"a":1}'), 'application/json')).toEqual({ ok: true });
  });

  it('refuses a recognised format under another type, and a binary type without its content', async () => {
    expect(await inspectContent(PNG, 'application/pdf')).toEqual({ ok: false, reason: 'type-mismatch', detected: 'image/png' });
    expect(await inspectContent(PNG, 'text/plain')).toMatchObject({ ok: false, reason: 'type-mismatch' });
    expect(await inspectContent(Buffer.from('just words'), 'image/png')).toEqual({ ok: false, reason: 'type-mismatch' });
  });

  it('refuses programs whatever they are declared as', async () => {
    expect(await inspectContent(PE, 'image/png')).toMatchObject({ ok: false, reason: 'executable' });
    expect(await inspectContent(ELF, 'application/octet-stream')).toMatchObject({ ok: false, reason: 'executable' });
    expect(await inspectContent(Buffer.from('#!/usr/bin/env python\n'), 'text/plain')).toMatchObject({ ok: false, reason: 'executable' });
  });
});

describe('messages on events', () => {
  const message = (body: string, internal = false): Message => ({
    orgId: 'o', ticketId: 'T', messageId: 'M', body, internal, authorId: 'org-agent', authorRole: 'agent', authorName: 'Alex',
    channel: 'api', createdAt: '2026-11-29T10:00:00.000Z',
    attachments: [{ id: 'A1', filename: 'a.png', contentType: 'image/png', size: 3, inline: true, contentId: 'x' }, { filename: 'legacy.pdf', objectKey: 'k' }],
  });

  it('carries the body, the author (no staff id) and the downloadable files', () => {
    expect(messageEventData(message('Hello'))).toEqual({
      messageId: 'M', authorRole: 'agent',
      message: { id: 'M', body: 'Hello', authorRole: 'agent', authorName: 'Alex', attachments: [{ id: 'A1', filename: 'a.png', contentType: 'image/png', size: 3 }] },
    });
    expect(JSON.stringify(messageEventData(message('note', true)))).not.toContain('org-agent');
  });

  it('cuts a long body at 32 KB of UTF-8 without splitting a character, and says so', () => {
    const long = 'ü'.repeat(EVENT_BODY_MAX_BYTES); // 2 bytes each
    const cut = truncateUtf8(long, EVENT_BODY_MAX_BYTES);
    expect(cut.truncated).toBe(true);
    expect(Buffer.byteLength(cut.body)).toBe(EVENT_BODY_MAX_BYTES);
    expect(cut.body).toBe('ü'.repeat(EVENT_BODY_MAX_BYTES / 2));
    expect(truncateUtf8(`a${'€'.repeat(20)}`, 8)).toEqual({ body: 'a€€', truncated: true });
    expect(truncateUtf8('short', 8)).toEqual({ body: 'short' });
    expect((messageEventData(message(long)).message as { truncated?: boolean }).truncated).toBe(true);
  });
});

describe('hourlyWindow', () => {
  it('names the clock hour and says how long until it ends', () => {
    const window = hourlyWindow('u1', 10, new Date('2026-11-29T13:59:30.000Z'));
    expect(window).toMatchObject({ userId: 'u1', limit: 10, window: '2026-11-29T13', retryAfterSeconds: 30 });
    expect(window.ttl).toBe(Date.parse('2026-11-29T15:00:00Z') / 1000);
  });
});
