import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../../../bin/local/adapters/local-secret-box';
import { ingestMetaEvent } from '../../../../functions/domain/meta/ingest-meta-event';
import { createChannel } from '../../../../functions/domain/meta/manage-channels';
import type { MetaQueueItem } from '../../../../functions/domain/meta/meta-event';
import type { GraphApi } from '../../../../functions/domain/ports/graph-api';
import { mergeTickets } from '../../../../functions/domain/relations/merge-tickets';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const graph: GraphApi = {
  async downloadMedia() { return { bytes: Buffer.from('x'), contentType: 'image/jpeg' }; },
  async send() { return { messageId: 'wamid.out' }; },
  async profile() { return undefined; },
};

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
let channelId = '';
const secrets = new LocalSecretBox(mkdtempSync(path.join(tmpdir(), 'merge-meta-it-')));
const ports = { secrets, graph, attachments: { put: async () => undefined } };
const PHONE_ID = `m${Date.now()}`;

const message = (id: string, text: string): MetaQueueItem => ({
  orgId: org.orgId, channelId,
  event: {
    type: 'message', kind: 'whatsapp', externalId: PHONE_ID, metaMessageId: id, at: new Date().toISOString(),
    contact: { id: '4915112345678', name: 'Ana' }, messageType: 'text', text, media: [], details: {},
  },
} as unknown as MetaQueueItem);

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
  channelId = (await createChannel(deps, secrets, org.orgId, {
    kind: 'whatsapp', name: 'WA', phoneNumberId: PHONE_ID, appSecret: 'app-secret-1', accessToken: 'token-1234', verifyToken: 'verify-1234', afterResolved: 'new-ticket',
  })).channelId;
});

describe('a merged WhatsApp ticket', () => {
  it('hands the contact\'s next message to the ticket it was merged into', async () => {
    const first = await ingestMetaEvent(deps, ports, message('wamid.in.1', 'hello'));
    expect(first).toMatchObject({ kind: 'created' });
    const sourceId = (first as { ticketId: string }).ticketId;
    const target = await createTicket(deps, org.agent, { subject: 'T', description: 'D', priority: 'low', tags: [], customFields: {}, requester: { email: 'tom@example.com' } });
    await mergeTickets(deps, org.agent, sourceId, target.ticketId);
    const next = await ingestMetaEvent(deps, ports, message('wamid.in.2', 'still there?'));
    expect(next).toMatchObject({ kind: 'appended', ticketId: target.ticketId });
    const { data: contact } = await deps.store.entities.metaContact.get({ orgId: org.orgId, channelId, contactId: '4915112345678' }).go();
    expect(contact?.ticketId).toBe(target.ticketId);
  });
});
