import type { NotificationSettings } from '../../../schemas/notifications';
import type { Caller } from '../caller';
import { SETTINGS } from '../../../schemas/settings';
import { readSettings, updateSettings } from '../settings/org-settings';
import type { Deps } from '../store/store';

/** Confirmations for tickets customers open themselves; none for those staff open for them. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = SETTINGS.notifications.fallback;

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

/** The organization's notification settings, defaults filled in (the one settings reader). */
export async function getNotificationSettings(deps: Deps, orgId: string): Promise<NotificationSettings> {
  return (await readSettings(deps, orgId)).notifications;
}

/**
 * Replaces the organization's notification settings; the other settings stay. A versioned,
 * audited settings change like PATCH /v1/settings.
 * @throws ForbiddenError unless the caller is an admin.
 */
export async function putNotificationSettings(deps: Deps, caller: Caller, settings: NotificationSettings): Promise<NotificationSettings> {
  return (await updateSettings(deps, caller, { notifications: settings })).settings.notifications;
}
