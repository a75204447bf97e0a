import * as z from 'zod';
import { AssistConfig } from './kb';
import { NotificationSettings } from './notifications';
import { AgentScope } from './team';
import { isTimeZone } from '../functions/domain/analytics/stats-range';

/**
 * One organization setting: its schema (what PATCH accepts and the stored value must be) and
 * its default (what a reader gets when nothing, or something no longer valid, is stored).
 * Nested settings are objects: PATCH may send a part of them, the rest stays.
 */
const setting = <S extends z.ZodType>(schema: S, fallback: z.output<S>) => ({ schema, fallback });

const Limits = z.strictObject({
  customerTicketsPerHour: z.int().min(1).max(1_000_000).describe('Tickets a customer may open over the API within an hour (default 10)'),
  attachmentMaxBytes: z.int().min(1).max(100 * 1024 * 1024).describe('Largest file a message may carry, in bytes (default 25 MiB)'),
});

const MailIdentity = z.strictObject({
  name: z.string().trim().min(1).max(200).nullable().describe('The business name mail signs with (default: the mailbox display name)'),
  fromDisplay: z.string().trim().min(1).max(200).nullable().describe('The From display name of outgoing mail, when the mailbox has none (default "Support")'),
});

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const WeeklySummary = z.strictObject({
  enabled: z.boolean().describe('Mail supervisors and admins last week\'s overview once a week (default off)'),
  day: z.enum(WEEKDAYS).describe('The weekday the summary goes out (default monday)'),
  hour: z.int().min(0).max(23).describe('The local hour it goes out (default 8)'),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .describe('IANA time zone of day, hour and of the week summarised (default UTC)'),
});

/**
 * Every organization setting, one line each: adding a setting is adding a line here (with its
 * default); the API schemas, the typed reader and the PATCH merge follow from this table.
 * Stored under the organization item's `settings` in these same shapes (older keys kept).
 */
export const SETTINGS = {
  autoCloseDays: setting(z.int().min(1).max(365).describe('Days a resolved or waiting-on-customer ticket stays before it closes'), 7),
  autoCloseWarning: setting(z.boolean().describe('Mail the customer 2 days before the auto-close'), true),
  surveyDelayHours: setting(z.int().min(0).max(24 * 30).describe('Hours after closure the satisfaction survey is mailed'), 24),
  notifications: setting(NotificationSettings, { confirmation: { customerCreated: true, staffCreated: false }, surveys: true }),
  agentScope: setting(AgentScope.describe('What agents see: all tickets, their departments\', or their assigned ones'), 'all'),
  limits: setting(Limits, { customerTicketsPerHour: 10, attachmentMaxBytes: 25 * 1024 * 1024 }),
  mailIdentity: setting(MailIdentity, { name: null, fromDisplay: null }),
  assist: setting(AssistConfig.describe('The ticket assistant: provider, model, and whether it applies category and priority itself'), { provider: 'offline', autoApply: false, threshold: 0.7 }),
  weeklySummary: setting(WeeklySummary, { enabled: false, day: 'monday', hour: 8, timeZone: 'UTC' }),
};

type Fields = typeof SETTINGS;
type Shape = { [K in keyof Fields]: Fields[K]['schema'] };
type DeepPartialShape = {
  [K in keyof Fields]: z.ZodOptional<Fields[K]['schema'] extends z.ZodObject ? z.ZodType<Partial<z.output<Fields[K]['schema']>>> : Fields[K]['schema']>;
};

const mapFields = <T>(fn: (field: Fields[keyof Fields], key: keyof Fields) => T) =>
  Object.fromEntries(Object.entries(SETTINGS).map(([key, field]) => [key, fn(field as Fields[keyof Fields], key as keyof Fields)]));

/** Partial of an object setting, deep one level: `{ confirmation: { staffCreated: true } }` keeps customerCreated. */
const partialOf = (schema: z.ZodType): z.ZodType => {
  if (!(schema instanceof z.ZodObject)) return schema;
  const inner = Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, s]) => [k, partialOf(s).optional()]));
  return z.strictObject(inner);
};

export const OrganizationSettings = z.object(mapFields((field) => field.schema) as Shape).meta({ id: 'OrganizationSettings' });
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;

export const SettingsPatch = z
  .strictObject(mapFields((field) => partialOf(field.schema).optional()) as DeepPartialShape)
  .refine((body) => Object.keys(body).length > 0, 'at least one setting to change')
  .meta({ id: 'SettingsPatch' });
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsView = z
  .object({
    version: z.int().describe('Bumped by every change; send it back as If-Match ("<version>") to change safely'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    settings: OrganizationSettings,
  })
  .meta({ id: 'SettingsView' });
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsChangeList = z
  .object({
    items: z.array(z.object({
      version: z.int(),
      actor: z.object({ id: z.string(), role: z.string(), name: z.string().nullable() }),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      at: z.string(),
    })),
  })
  .meta({ id: 'SettingsChangeList' });
