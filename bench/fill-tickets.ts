import type { Deps } from '../functions/domain/store/store';
import type { Ticket } from '../functions/domain/tickets/ticket.entity';

const STATUSES = ['new', 'open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;

/**
 * Writes `count` realistic ticket items straight into the table (batch writes, 25 at a time,
 * 8 in flight), to grow the table for the list measure. Not the create path: that is measured apart.
 */
export async function fillTickets(deps: Deps, orgId: string, count: number): Promise<void> {
  if (count <= 0) return;
  const base = Date.parse('2025-01-01T00:00:00Z');
  let made = 0;
  const batch = (size: number): Ticket[] =>
    Array.from({ length: size }, () => {
      const i = made++;
      const at = new Date(base + i * 1000).toISOString();
      return {
        orgId, ticketId: deps.newId(), number: `TKT-2025-${String(900_000 + i).padStart(6, '0')}`, subject: `Filler ${i}`,
        description: 'Filler ticket for the list benchmark. '.repeat(5), status: STATUSES[i % STATUSES.length], priority: 'low',
        tags: ['filler'], customFields: {}, requesterEmail: `filler${i % 5000}@example.com`, createdById: 'bench',
        assigneeKey: i % 3 ? `agent-${i % 7}` : 'unassigned', escalationTier: 0, escalated: false, channel: 'api',
        messageCount: 0, noteCount: 0, createdAt: at, updatedAt: at, version: 1,
      };
    });
  const workers = Array.from({ length: 8 }, async () => {
    while (made < count) {
      const items = batch(Math.min(100, count - made));
      const { unprocessed } = await deps.store.entities.ticket.put(items).go();
      if (unprocessed.length) await deps.store.entities.ticket.put(unprocessed as Ticket[]).go();
    }
  });
  await Promise.all(workers);
}
