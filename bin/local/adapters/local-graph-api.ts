import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Clock } from '../../../functions/domain/ports/clock';
import { type GraphApi, GraphRejectedError, type GraphSend, type GraphSender, type MediaBytes } from '../../../functions/domain/ports/graph-api';
import type { DevMetaSend } from '../../../schemas/channels';
import { localStateDir, readJson, writeJson } from './local-state';

/**
 * Plays Meta's Graph API in the local runtime: records every send (`meta/sends.json`, listed by
 * `GET /v1/dev/meta/sends`) and answers with a Meta-shaped id; serves media bytes for any id or
 * URL (`local media <id>`, so a test can tell what was stored); a media id or recipient starting
 * with `fail` is refused as Meta would refuse it.
 */
export class LocalGraphApi implements GraphApi {
  private readonly file: string;
  private sends: DevMetaSend[];

  constructor(dataDir: string, private readonly clock: Clock) {
    this.file = path.join(localStateDir(dataDir, 'meta'), 'sends.json');
    this.sends = readJson<DevMetaSend[]>(this.file, []);
  }

  async downloadMedia(accessToken: string, media: { id?: string; url?: string }): Promise<MediaBytes> {
    if (!accessToken) throw new GraphRejectedError(401, 190, 'no access token');
    const name = media.id ?? media.url ?? '';
    if (!name || name.startsWith('fail')) throw new GraphRejectedError(404, 100, `no media ${name}`);
    return { bytes: Buffer.from(`local media ${name}`), contentType: 'application/octet-stream' };
  }

  async send(sender: GraphSender, message: GraphSend): Promise<{ messageId: string }> {
    if (message.to.startsWith('fail')) throw new GraphRejectedError(400, 131026, 'Message undeliverable');
    const at = this.clock.now().toISOString();
    const seed = createHash('sha256').update(`${sender.accountId}|${message.reference.messageId}|${this.sends.length}`).digest('base64url').slice(0, 32);
    const metaMessageId = sender.kind === 'whatsapp' ? `wamid.LOCAL${seed}` : `aWdfZAG1LOCAL${seed}`;
    const request = sender.kind === 'whatsapp'
      ? message.template
        ? { messaging_product: 'whatsapp', ...waTo(message.to), type: 'template', template: { name: message.template.name, language: { code: message.template.language }, components: [{ type: 'body', parameters: message.template.parameters.map((text) => ({ type: 'text', text })) }] } }
        : { messaging_product: 'whatsapp', ...waTo(message.to), type: 'text', text: { preview_url: false, body: message.text } }
      : { recipient: { id: message.to }, message: { text: message.text } };
    this.sends.push({ at, kind: sender.kind, accountId: sender.accountId, to: message.to, metaMessageId, ...message.reference, request });
    writeJson(this.file, this.sends);
    return { messageId: metaMessageId };
  }

  async profile(_accessToken: string, userId: string): Promise<{ username?: string; name?: string } | undefined> {
    return { username: `user_${userId.replace(/\W/g, '').slice(-12)}` };
  }

  /** What was sent, oldest first; one ticket's when given. */
  list(ticketId?: string): DevMetaSend[] {
    return this.sends.filter((send) => !ticketId || send.ticketId === ticketId);
  }
}

/** Digits go in `to`; a business-scoped user id (number withheld) in `recipient`, as the Cloud API takes it. */
const waTo = (to: string) => (/^\d+$/.test(to) ? { to } : { recipient: to });
