import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The shared Meta corpus (PROVENANCE.md section 5): pywa's WhatsApp updates, Chatwoot's Instagram factories, the signature vector. */
export const META_CORPUS = process.env.META_CORPUS_DIR ?? '/work/shared/corpora/meta';

export type Json = Record<string, any>;

export const corpusFiles = (kind: 'whatsapp' | 'instagram') => {
  const dir = path.join(META_CORPUS, kind, kind === 'whatsapp' ? 'pywa' : 'chatwoot');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
};

export const signatureVector = () => {
  const meta = JSON.parse(readFileSync(path.join(META_CORPUS, 'signature', 'pywa_signature_vector.json'), 'utf8')) as {
    app_secret: string; x_hub_signature_256: string; body_file: string; body_length_bytes: number;
  };
  return { ...meta, body: readFileSync(path.join(META_CORPUS, 'signature', meta.body_file)) };
};

/**
 * A WhatsApp corpus body made one case of its own: pywa's cases share one wamid and one sender,
 * so each gets its own (the metadata's phone number id is the test's channel).
 */
export function retargetWhatsApp(body: Json, options: { phoneNumberId: string; from: string; suffix: string; timestamp?: number }): Json {
  const copy = structuredClone(body);
  for (const entry of copy.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value ?? {};
      if (value.metadata) value.metadata.phone_number_id = options.phoneNumberId;
      for (const contact of value.contacts ?? []) contact.wa_id = options.from;
      for (const message of value.messages ?? []) {
        message.from = options.from;
        message.id = `${message.id}.${options.suffix}`;
        if (options.timestamp !== undefined) message.timestamp = String(options.timestamp);
      }
      for (const status of value.statuses ?? []) status.recipient_id = options.from;
    }
  }
  return copy;
}

/** Chatwoot's factories with their placeholders filled: the test's account and a sender of its own. */
export const fillInstagram = (text: string, accountId: string, senderId: string, midSuffix = '') =>
  text.replaceAll('{{ig_entry_id}}', accountId).replaceAll('{{sender_id}}', senderId)
    // Chatwoot's factories reuse their mids; Meta's are unique, and a repeated one is a redelivery.
    .replace(/("mid"\s*:\s*")([^"]+)"/g, (_m, head: string, mid: string) => `${head}${mid}${midSuffix}"`);
