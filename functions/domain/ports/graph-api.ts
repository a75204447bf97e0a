/** Which Meta product a channel is. */
export type MetaChannelKind = 'whatsapp' | 'instagram';

/** What a send needs to reach the right account with the channel's own token. */
export interface GraphSender {
  kind: MetaChannelKind;
  /** The WhatsApp phone number id or the Instagram account id the message goes out from. */
  accountId: string;
  accessToken: string;
}

/** A template message (WhatsApp, outside the 24-hour window). */
export interface GraphTemplate {
  name: string;
  language: string;
  /** Body parameters, in order. */
  parameters: string[];
}

export interface GraphSend {
  /** The WhatsApp number (digits) or the Instagram-scoped id of the customer. */
  to: string;
  text?: string;
  template?: GraphTemplate;
  /** Ours, echoed back by WhatsApp in statuses as `biz_opaque_callback_data`; recorded by the local stand-in. */
  reference: { orgId: string; ticketId: string; messageId: string };
}

export interface MediaBytes {
  bytes: Buffer;
  contentType: string;
}

/** Meta refused the request for good (bad token, closed window, invalid recipient): not retried. */
export class GraphRejectedError extends Error {
  constructor(readonly status: number, readonly code: number | undefined, message: string) {
    super(message);
    this.name = 'GraphRejectedError';
  }
}

/**
 * Meta's Graph API as the domain uses it: media downloads, message sends, and a profile read for
 * Instagram usernames. HTTPS to graph.facebook.com in AWS; a stand-in in the local runtime.
 */
export interface GraphApi {
  /** WhatsApp media by id (GET /{id} then its URL), or any media URL a webhook names. */
  downloadMedia(accessToken: string, media: { id?: string; url?: string }): Promise<MediaBytes>;
  /** @returns Meta's id of the message sent. @throws GraphRejectedError for 4xx answers, anything else when it may be retried. */
  send(sender: GraphSender, message: GraphSend): Promise<{ messageId: string }>;
  /** An Instagram user's username and name by scoped id; undefined when Meta does not say. */
  profile(accessToken: string, userId: string): Promise<{ username?: string; name?: string } | undefined>;
}
