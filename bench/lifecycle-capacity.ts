import type { RuntimeContract } from '../bin/local/runtime';
import { addMessage } from '../functions/domain/tickets/add-message';
import { createTicket } from '../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../functions/domain/tickets/get-ticket';
import { updateTicket } from '../functions/domain/tickets/update-ticket';
import { meteredDomain } from './capacity';

/**
 * The read and write units one ticket lifecycle costs: the same domain calls the HTTP
 * handlers make, on a client that asks DynamoDB for consumed capacity. `write` is as AWS
 * bills it, `writeLocalReported` as DynamoDB Local reports it (bin/local/capacity/units.ts).
 */
export interface LifecycleTexts {
  description: string;
  replies: [string, string, string];
  resolution: string;
}

const SHORT_TEXTS: LifecycleTexts = { description: 'Measuring', replies: ['Looking into it', 'Thanks', 'Fixed'], resolution: 'Fixed' };

export async function lifecycleCapacity(contract: RuntimeContract, texts: LifecycleTexts = SHORT_TEXTS) {
  const { deps, meter, caller: user, close } = meteredDomain(contract);
  const [agent, customer] = [user('agent'), user('customer')];
  const steps: { step: string; read: number; write: number; writeLocalReported: number }[] = [];
  const measure = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    meter.reset();
    const result = await fn();
    steps.push({ step, read: meter.read, write: meter.write, writeLocalReported: meter.writeLocalReported });
    return result;
  };
  try {
    const ticket = await measure('create', () => createTicket(deps, customer, { subject: 'Lifecycle', description: texts.description, priority: 'high', tags: [], customFields: {} }));
    await measure('reply 1 (agent)', () => addMessage(deps, agent, ticket.ticketId, { body: texts.replies[0], internal: false }));
    await measure('reply 2 (customer)', () => addMessage(deps, customer, ticket.ticketId, { body: texts.replies[1], internal: false }));
    await measure('reply 3 (agent)', () => addMessage(deps, agent, ticket.ticketId, { body: texts.replies[2], internal: false }));
    await measure('assign', () => updateTicket(deps, agent, ticket.ticketId, { assigneeId: agent.userId }));
    await measure('resolve', () => updateTicket(deps, agent, ticket.ticketId, { status: 'resolved', resolution: texts.resolution }));
    await measure('close', () => updateTicket(deps, agent, ticket.ticketId, { status: 'closed' }));
    await measure('read thread (GET)', () => getTicketThread(deps, agent, ticket.ticketId));
    return Object.assign(steps, { ticketId: ticket.ticketId, requesterEmail: customer.email });
  } finally {
    close();
  }
}
