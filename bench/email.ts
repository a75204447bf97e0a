import { queueDrained } from './queue-drained';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { RuntimeContract } from '../bin/local/runtime';
import { parseMail } from '../functions/domain/email';

const CORPUS = path.resolve(import.meta.dirname ?? __dirname, '../../shared/corpora/email');
/** Passes over the corpus (each with fresh Message-IDs, so none is a duplicate). */
const ROUNDS = Number(process.env.BENCH_EMAIL_ROUNDS ?? 2);
const TARGET_PER_SECOND = 5;

/**
 * Email ingestion, against the running local runtime: the whole corpus (Zammad `.box`, Chatwoot
 * `.eml`) sent over SMTP (4 connections), timed until the `email-inbound` queue is drained (every
 * mail stored, parsed, classified and turned into a ticket, reply or suspended mail), beside bare
 * `parseMail` of the same bytes in this process. Rows: measure, value, baseline, ratio, target, verdict.
 */
export async function benchEmail(contract: RuntimeContract): Promise<string[][]> {
  const mails = corpus();
  const support = String(contract.supportAddress);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(contract.smtpPort), pool: true, maxConnections: 4, secure: false, ignoreTLS: true });
  const queueFile = path.join(contract.dataDir, 'queues', 'email-inbound.json');
  try {
    // Warm-up: handler imports, connections.
    await Promise.all(mails.slice(0, 5).map((raw) => transport.sendMail({ envelope: { from: 'bench@bench.example', to: [support] }, raw: withFreshMessageId(raw) })));
    await queueDrained(queueFile, 'email-inbound');

    const batch = Array.from({ length: ROUNDS }, () => mails.map(withFreshMessageId)).flat();
    const start = performance.now();
    await Promise.all(batch.map((raw) => transport.sendMail({ envelope: { from: 'bench@bench.example', to: [support] }, raw })));
    const accepted = performance.now();
    await queueDrained(queueFile, 'email-inbound');
    const endToEnd = (performance.now() - start) / 1000;

    const parseStart = performance.now();
    let parsed = 0;
    for (const raw of batch) parsed += await parseMail(raw).then(() => 1, () => 1);
    const bare = (performance.now() - parseStart) / 1000;

    const rate = batch.length / endToEnd;
    const parseRate = parsed / bare;
    return [
      [
        `mails ingested/s end to end over SMTP (${batch.length} corpus mails; SMTP accepted all in ${((accepted - start) / 1000).toFixed(1)} s)`,
        `${rate.toFixed(1)} mail/s`,
        `${parseRate.toFixed(1)} mail/s bare parseMail`,
        (rate / parseRate).toFixed(3),
        `≥ ${TARGET_PER_SECOND} mail/s`,
        rate >= TARGET_PER_SECOND ? 'met' : 'MISSED',
      ],
    ];
  } finally {
    transport.close();
  }
}

function corpus(): Buffer[] {
  const files = [
    ...list(path.join(CORPUS, 'zammad'), '.box'),
    ...list(path.join(CORPUS, 'chatwoot'), '.eml'),
  ];
  return files.map((file) => readFileSync(file));
}

function list(dir: string, ext: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f)) : [];
}

/** The same mail with a new Message-ID, so the run measures ingestion, not duplicate detection. */
export function withFreshMessageId(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const id = `<bench.${randomUUID()}@bench.example>`;
  const replaced = /^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im.test(head)
    ? head.replace(/^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im, `Message-ID: ${id}`)
    : `Message-ID: ${id}\r\n${head}`;
  return Buffer.from(replaced + text.slice(head.length), 'latin1');
}
