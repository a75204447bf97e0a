import type { NotificationSettings } from '../../../schemas/notifications';
import type { Caller } from '../caller';
import { ForbiddenError } from '../errors';
import type { Deps } from '../store/store';

/** Confirmations for tickets customers open themselves; none for those staff open for them. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  confirmation: { customerCreated: true, staffCreated: false },
  surveys: true,
};

const STAFF = new Set(['admin', 'supervisor', 'agent']);

/**
 * Whether a new ticket gets a confirmation mail, by its channel and its creator's role: mail
 * tickets always (an answer to the customer's mail), API tickets by the organization's
 * setting, web-form tickets never from here (the form sends its own), others never.
 */
export function wantsConfirmation(ticket: { channel: string; creatorRole: string }, settings: NotificationSettings): boolean {
  if (ticket.channel === 'email') return true;
  if (ticket.channel !== 'api') return false;
  return STAFF.has(ticket.creatorRole) ? settings.confirmation.staffCreated : settings.confirmation.customerCreated;
}

/** The organization's notification settings, defaults filled in. */
export async function getNotificationSettings(deps: Deps, orgId: string): Promise<NotificationSettings> {
  const { data } = await deps.store.entities.organization.get({ orgId }).go();
  const stored = (data?.settings as { notifications?: Partial<NotificationSettings> } | undefined)?.notifications ?? {};
  return {
    confirmation: { ...DEFAULT_NOTIFICATION_SETTINGS.confirmation, ...stored.confirmation },
    surveys: stored.surveys ?? DEFAULT_NOTIFICATION_SETTINGS.surveys,
  };
}

/**
 * Replaces the organization's notification settings; the other settings stay.
 * @throws ForbiddenError unless the caller is an admin.
 */
export async function putNotificationSettings(deps: Deps, caller: Caller, settings: NotificationSettings): Promise<NotificationSettings> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change notification settings');
  const { orgId } = caller;
  const { data } = await deps.store.entities.organization.get({ orgId }).go({ consistent: true });
  const others = (data?.settings as Record<string, unknown> | undefined) ?? {};
  await deps.store.entities.organization
    .put({ orgId, name: data?.name ?? orgId, createdAt: data?.createdAt ?? deps.now().toISOString(), settings: { ...others, notifications: settings } })
    .go();
  return settings;
}
