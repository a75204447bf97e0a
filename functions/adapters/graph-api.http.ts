import { GRAPH_API_DEFAULT_URL } from '../config';
import { type GraphApi, GraphRejectedError, type GraphSend, type GraphSender, type MediaBytes } from '../domain/ports/graph-api';

/** Where Meta serves webhook media from; any other host in a webhook's URL is not fetched (SSRF). */
const META_MEDIA_HOSTS = /(^|\.)(fbsbx\.com|fbcdn\.net|cdninstagram\.com|facebook\.com|instagram\.com|whatsapp\.net)$/i;
const TIMEOUT_MS = 10_000;

export interface HttpGraphApiOptions {
  /** @default GRAPH_API_DEFAULT_URL */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Hosts media URLs may point at. @default Meta's CDN hosts */
  mediaHosts?: RegExp;
  /** Schemes media URLs may use. @default ['https:'] */
  mediaProtocols?: readonly string[];
}

/**
 * Meta's Graph API over HTTPS with the channel's token: media by id (metadata, then the bytes),
 * message sends (WhatsApp Cloud API, Instagram messaging), profile reads. 4xx answers are Meta's
 * final word (GraphRejectedError); 5xx and network failures throw plain errors, to be retried.
 */
export class HttpGraphApi implements GraphApi {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly mediaHosts: RegExp;
  private readonly mediaProtocols: readonly string[];

  constructor(options: HttpGraphApiOptions = {}) {
    this.baseUrl = (options.baseUrl ?? GRAPH_API_DEFAULT_URL).replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.mediaHosts = options.mediaHosts ?? META_MEDIA_HOSTS;
    this.mediaProtocols = options.mediaProtocols ?? ['https:'];
  }

  async downloadMedia(accessToken: string, media: { id?: string; url?: string }): Promise<MediaBytes> {
    let url = media.url;
    let contentType: string | undefined;
    if (media.id) {
      const meta = await this.json<{ url?: string; mime_type?: string }>('GET', `/${encodeURIComponent(media.id)}`, accessToken);
      url = meta.url;
      contentType = meta.mime_type;
    }
    if (!url) throw new Error('the media has neither an id nor a URL');
    const target = new URL(url);
    if (!this.mediaProtocols.includes(target.protocol) || !this.mediaHosts.test(target.hostname)) throw new Error(`media host ${target.hostname} is not Meta's`);
    const response = await this.fetch(target, { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(TIMEOUT_MS * 3) });
    if (!response.ok) await this.fail(response);
    return { bytes: Buffer.from(await response.arrayBuffer()), contentType: contentType ?? response.headers.get('content-type') ?? 'application/octet-stream' };
  }

  async send(sender: GraphSender, message: GraphSend): Promise<{ messageId: string }> {
    const path = `/${encodeURIComponent(sender.accountId)}/messages`;
    if (sender.kind === 'whatsapp') {
      const payload = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        // A contact known only by business-scoped user id (a WhatsApp username, number withheld) is addressed by `recipient`.
        ...(/^\d+$/.test(message.to) ? { to: message.to } : { recipient: message.to }),
        biz_opaque_callback_data: `${message.reference.ticketId}:${message.reference.messageId}`,
        ...(message.template
          ? {
              type: 'template',
              template: {
                name: message.template.name,
                language: { code: message.template.language },
                ...(message.template.parameters.length
                  ? { components: [{ type: 'body', parameters: message.template.parameters.map((text) => ({ type: 'text', text })) }] }
                  : {}),
              },
            }
          : { type: 'text', text: { preview_url: false, body: message.text ?? '' } }),
      };
      const answer = await this.json<{ messages?: { id?: string }[] }>('POST', path, sender.accessToken, payload);
      const id = answer.messages?.[0]?.id;
      if (!id) throw new Error('the Graph API accepted the message but returned no id');
      return { messageId: id };
    }
    if (message.template) throw new GraphRejectedError(400, undefined, 'Instagram has no message templates');
    const answer = await this.json<{ message_id?: string }>('POST', path, sender.accessToken, { recipient: { id: message.to }, message: { text: message.text ?? '' } });
    if (!answer.message_id) throw new Error('the Graph API accepted the message but returned no id');
    return { messageId: answer.message_id };
  }

  async profile(accessToken: string, userId: string): Promise<{ username?: string; name?: string } | undefined> {
    try {
      const answer = await this.json<{ username?: string; name?: string }>('GET', `/${encodeURIComponent(userId)}?fields=name,username`, accessToken);
      return { username: answer.username, name: answer.name };
    } catch {
      return undefined;
    }
  }

  private async json<T>(method: 'GET' | 'POST', path: string, accessToken: string, body?: unknown): Promise<T> {
    const response = await this.fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) await this.fail(response);
    return (await response.json()) as T;
  }

  private async fail(response: Response): Promise<never> {
    const text = await response.text().catch(() => '');
    let error: { code?: number; message?: string } | undefined;
    try {
      error = (JSON.parse(text) as { error?: { code?: number; message?: string } }).error;
    } catch {
      error = undefined;
    }
    const message = `Graph API ${response.status}: ${error?.message ?? text.slice(0, 200)}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 429) throw new GraphRejectedError(response.status, error?.code, message);
    throw new Error(message);
  }
}
