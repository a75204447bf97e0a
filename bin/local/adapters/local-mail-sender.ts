import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MailSender, OutgoingMail } from '../../../functions/domain/ports/mail-sender';

export interface OutboxEntry {
  id: string;
  from: string;
  to: string[];
  sentAt: string;
  raw: string;
}

/** Writes each mail as `<time>-<id>.eml` (with a `.json` envelope beside it) in `.local/outbox/`. */
export class LocalMailSender implements MailSender {
  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}

  async send(mail: OutgoingMail): Promise<{ providerId: string }> {
    const sentAt = this.now().toISOString();
    const id = `${sentAt.replace(/[-:.]/g, '')}-${randomUUID()}`;
    const file = path.join(this.dir, `${id}.eml`);
    writeFileSync(`${file}.tmp`, mail.raw);
    writeFileSync(path.join(this.dir, `${id}.json`), JSON.stringify({ id, from: mail.from, to: mail.to, sentAt }));
    renameSync(`${file}.tmp`, file);
    return { providerId: id };
  }

  /** Sent mails, oldest first, optionally only those to `to`. */
  list(filter: { to?: string } = {}): OutboxEntry[] {
    const to = filter.to?.toLowerCase();
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as Omit<OutboxEntry, 'raw'>)
      .filter((entry) => !to || entry.to.some((address) => address.toLowerCase() === to))
      .flatMap((entry) => {
        try {
          return [{ ...entry, raw: readFileSync(path.join(this.dir, `${entry.id}.eml`), 'utf8') }];
        } catch {
          return []; // its .eml is still being written
        }
      });
  }
}
