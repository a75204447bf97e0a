/** The API's shapes, taken from the server's own schemas (types only: nothing of zod is bundled). */
export type { ActivityView, MessageView, TicketDetailView, TicketView } from '../../../schemas/tickets';
export type { TicketPriority, TicketStatus } from '../../../schemas/ticket-enums';
export type { UserView } from '../../../schemas/users';
export type { AutomationTestResult, AutomationView } from '../../../schemas/automations';
import type { SettingsChangeList as SettingsChangeListSchema } from '../../../schemas/settings';
export type { SettingsView } from '../../../schemas/settings';
import type { UpcomingBreach as UpcomingBreachSchema } from '../../../schemas/sla-api';
import type { MailboxView as MailboxSchema } from '../../../schemas/email';
import type { z } from 'zod';
export type { SlaPolicyView } from '../../../schemas/sla-api';
export type { WebhookView } from '../../../schemas/webhooks';
export type { SuspendedMailView } from '../../../schemas/email';
import type { WebFormSettingsView as WebFormSettingsSchema } from '../../../schemas/intake';
import type { ChannelView as ChannelSchema } from '../../../schemas/channels';
export type { NotificationSettings } from '../../../schemas/notifications';
export type { CustomStatusView } from '../../../schemas/statuses';
export type { TicketLinkView } from '../../../schemas/tickets';
export type UpcomingBreach = z.infer<typeof UpcomingBreachSchema>;
export type WebFormSettingsView = z.infer<typeof WebFormSettingsSchema>;
export type ChannelView = z.infer<typeof ChannelSchema>;
export type SettingsChangeList = z.infer<typeof SettingsChangeListSchema>;
export type MailboxView = z.infer<typeof MailboxSchema>;

export const STATUSES = ['new', 'open', 'in_progress', 'waiting_on_customer', 'waiting_on_third_party', 'resolved', 'closed', 'cancelled'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent', 'critical'] as const;
export const CHANNELS = ['api', 'email', 'web', 'chat', 'phone'] as const;

export const STATUS_LABEL: Record<string, string> = {
  new: 'New', open: 'Open', in_progress: 'In progress', waiting_on_customer: 'Waiting on customer',
  waiting_on_third_party: 'Waiting on third party', resolved: 'Resolved', closed: 'Closed', cancelled: 'Cancelled',
};
export const PRIORITY_LABEL: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent', critical: 'Critical' };

/** An attachment as the message view carries it (issue 12's contract). */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A server frame on the WebSocket. */
export interface ServerFrame<D = any> {
  type: string;
  data: D;
}

/** The `data` of a ticket event frame (schemas/events.ts: version 1 envelope). */
export interface TicketEventData {
  id: string;
  type: string;
  ticketId: string;
  occurredAt: string;
  actor: { id: string; role: string; name?: string };
  ticketVersion: number;
  ticket: { number: string; subject: string; status: string; priority: string; assigneeId: string | null; channel: string; updatedAt: string; version: number };
}
