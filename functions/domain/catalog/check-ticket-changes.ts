import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { assertDepartmentsExist } from '../team/manage-departments';
import type { TicketChanges } from '../tickets/plan-ticket-update';
import { checkTicketFields } from './check-ticket-fields';
import { loadTicket } from '../tickets/load-ticket';

/**
 * Checks a staff change against the catalog before it is planned: a named department must
 * exist; a category or custom fields change is validated on the ticket as it will be.
 * @throws RuleViolationError (422 with a pointer), InvalidCustomFieldsError (400), NotFoundError
 */
export async function checkTicketChanges(deps: Deps, caller: Caller, ticketId: string, changes: TicketChanges): Promise<void> {
  if (changes.departmentId) await assertDepartmentsExist(deps, caller.orgId, [changes.departmentId], '#/departmentId');
  const categoryChanged = changes.category !== undefined && changes.category !== null;
  const fieldsChanged = changes.customFields !== undefined;
  if (!categoryChanged && !fieldsChanged) return;
  const current = fieldsChanged && changes.category !== undefined ? undefined : await loadTicket(deps, caller, ticketId);
  await checkTicketFields(deps, caller, {
    category: changes.category !== undefined ? changes.category : current?.category,
    customFields: changes.customFields ?? current?.customFields,
  }, { categoryChanged, fieldsChanged, requireAll: true });
}
