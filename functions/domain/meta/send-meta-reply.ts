import type { TicketEvent } from '../../../schemas/events';
import { isStaffRole } from '../../../schemas/roles';
import type { MessageTemplate } from '../../../schemas/messages';
import { type GraphApi, GraphRejectedError } from '../ports/graph-api';
import type { SecretBox } from '../ports/secret-box';
import type { Deps } from '../store/store';
import { openSecret } from './channel-secrets';
import { META_CHANNELS } from './reply-window';

export type SendOutcome =
  | { sent: true; metaMessageId: string }
  | { sent: false; why: string };

/**
 * Sends an agent's public reply on a WhatsApp/Instagram ticket through the Graph API: free text,
 * or the template the reply was written as. Meta's message id is kept on the message and as a
 * lookup item (so its statuses find it), together. Meta refusing the send for good (4xx) marks
 * the message failed with Meta's error; anything else throws, for the bus to retry.
 */
export async function sendMetaReply(deps: Deps, ports: { secrets: SecretBox; graph: GraphApi }, event: TicketEvent): Promise<SendOutcome> {
  if (event.type !== 'ticket.message.added' || event.internal) return { sent: false, why: 'not a public message' };
  if (!META_CHANNELS.has(event.ticket.channel)) return { sent: false, why: 'not a messaging ticket' };
  if (!isStaffRole(String(event.data?.authorRole))) return { sent: false, why: 'not an agent reply' };
  const { orgId, ticketId } = event;
  const messageId = String(event.data.messageId);
  const [{ data: ticket }, { data: message }] = await Promise.all([
    deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true }),
    deps.store.entities.message.get({ orgId, ticketId, messageId }).go({ consistent: true }),
  ]);
  if (!ticket?.metaChannelId || !ticket.metaContactId || !message || message.internal) return { sent: false, why: 'ticket or message gone' };
  if (message.metaMessageId) return { sent: true, metaMessageId: message.metaMessageId };
  const { data: channel } = await deps.store.entities.metaChannel.get({ orgId, channelId: ticket.metaChannelId }).go();
  if (!channel) return markFailed(deps, { orgId, ticketId, messageId }, { message: 'the channel was removed' });

  const accessToken = await openSecret(ports.secrets, orgId, channel.channelId, 'accessToken', channel.accessToken);
  const template = (message.metaDetails as { template?: MessageTemplate } | undefined)?.template;
  let metaMessageId: string;
  try {
    ({ messageId: metaMessageId } = await ports.graph.send(
      { kind: channel.kind, accountId: channel.externalId, accessToken },
      {
        to: ticket.metaContactId,
        ...(template
          ? { template: { name: template.name, language: template.language, parameters: template.parameters.map((p) => (typeof p === 'string' ? p : p.text)) } }
          : { text: message.body }),
        reference: { orgId, ticketId, messageId },
      },
    ));
  } catch (error) {
    if (!(error instanceof GraphRejectedError)) throw error;
    return markFailed(deps, { orgId, ticketId, messageId }, { code: error.code, message: error.message });
  }
  const now = deps.now().toISOString();
  await deps.store.transaction
    .write(({ message: messages, metaMessageRef }) => [
      messages.patch({ orgId, ticketId, messageId }).set({ metaMessageId, deliveryStatus: 'accepted', deliveryRank: 0, deliveryAt: now }).commit(),
      metaMessageRef.put({ orgId, channelId: channel.channelId, direction: 'out', metaMessageId, ticketId, messageId, createdAt: now }).commit(),
    ])
    .go();
  return { sent: true, metaMessageId };
}

async function markFailed(deps: Deps, key: { orgId: string; ticketId: string; messageId: string }, error: { code?: number; message: string }): Promise<SendOutcome> {
  await deps.store.entities.message.patch(key)
    .set({ deliveryStatus: 'failed', deliveryRank: 4, deliveryAt: deps.now().toISOString(), deliveryError: error })
    .go({ response: 'none' });
  return { sent: false, why: `Meta refused the send: ${error.message}` };
}
