import * as z from 'zod';
import { Id } from './common';
import { EventType } from './events';
import { Tags, TicketPriority, TicketStatus, TicketType } from './ticket-enums';

/** Most rules an organization keeps (they are read whole on every ticket event). */
export const MAX_AUTOMATIONS = 100;

const FIXED_FIELDS = ['subject', 'description', 'status', 'priority', 'category', 'channel', 'tags', 'requester.email', 'hoursSinceUpdate'] as const;
export const ConditionField = z
  .union([z.enum(FIXED_FIELDS), z.string().regex(/^customFields\.[A-Za-z][A-Za-z0-9_]{0,63}$/, 'customFields.<key>')])
  .describe('A ticket field, `customFields.<key>`, or `hoursSinceUpdate` (a time-based rule)');
export const ConditionOp = z.enum(['is', 'is_not', 'contains', 'not_contains', 'in', 'gt', 'lt']);
const Scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const Condition = z
  .strictObject({
    field: ConditionField,
    op: ConditionOp,
    value: z.union([Scalar, z.array(z.union([z.string().max(500), z.number()])).max(100)]),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'in' && !Array.isArray(c.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: '`in` takes a list of values' });
    if (c.op !== 'in' && Array.isArray(c.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a list goes with `in` only' });
    if ((c.op === 'gt' || c.op === 'lt') && typeof c.value !== 'number' && !(c.field === 'priority' && TicketPriority.safeParse(c.value).success)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: '`gt`/`lt` compare with a number (or a priority for `priority`)' });
    }
    if (c.field === 'hoursSinceUpdate' && !(c.op === 'gt' || c.op === 'lt') ) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: '`hoursSinceUpdate` is compared with `gt` or `lt`' });
    }
    if (c.field === 'hoursSinceUpdate' && typeof c.value === 'number' && (c.value <= 0 || c.value > 24 * 365)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'hours between 0 and 8760' });
    }
  })
  .meta({ id: 'AutomationCondition' });
export type Condition = z.infer<typeof Condition>;

export const Conditions = z
  .strictObject({
    all: z.array(Condition).max(20).optional().describe('Every one must hold'),
    any: z.array(Condition).max(20).optional().describe('At least one must hold (when given)'),
  })
  .meta({ id: 'AutomationConditions' });
export type Conditions = z.infer<typeof Conditions>;

const SET_FIELDS = ['status', 'priority', 'category', 'type', 'subject'] as const;
export const SetAction = z
  .strictObject({
    type: z.literal('set'),
    field: z.union([z.enum(SET_FIELDS), z.string().regex(/^customFields\.[A-Za-z][A-Za-z0-9_]{0,63}$/, 'customFields.<key>')]),
    value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
  })
  .superRefine((a, ctx) => {
    const check = (schema: z.ZodType) => {
      if (!schema.safeParse(a.value).success) ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid ${a.field}` });
    };
    if (a.field === 'status') check(TicketStatus);
    if (a.field === 'priority') check(TicketPriority);
    if (a.field === 'type') check(TicketType.nullable());
    if (a.field === 'subject') check(z.string().trim().min(1).max(250));
    if (a.field === 'category') check(z.string().trim().min(1).max(100).nullable());
  });
export const TagsAction = z.strictObject({ type: z.enum(['add_tags', 'remove_tags']), tags: Tags.min(1) });
export const AssignAction = z
  .strictObject({
    type: z.literal('assign'),
    departmentId: Id.optional().describe('Hand to this department: unassigned there, then routing picks an agent of it'),
    assigneeId: Id.optional().describe('Hand to this agent'),
  })
  .refine((a) => (a.departmentId === undefined) !== (a.assigneeId === undefined), { message: 'name a departmentId or an assigneeId', path: ['departmentId'] });
export const NoteAction = z.strictObject({ type: z.literal('add_note'), body: z.string().trim().min(1).max(10_000) });
export const CannedReplyAction = z.strictObject({ type: z.literal('send_canned_reply'), cannedReplyId: Id });
export const WebhookAction = z.strictObject({ type: z.literal('webhook'), webhookId: Id });

export const Action = z
  .discriminatedUnion('type', [SetAction, TagsAction, AssignAction, NoteAction, CannedReplyAction, WebhookAction])
  .meta({ id: 'AutomationAction' });
export type Action = z.infer<typeof Action>;

const hasTimeCondition = (conditions: Conditions | undefined) =>
  [...(conditions?.all ?? []), ...(conditions?.any ?? [])].some((c) => c.field === 'hoursSinceUpdate');

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean(),
  on: z.array(EventType).max(20).describe('The ticket events that run the rule; a rule with `hoursSinceUpdate` also runs when the ticket has been idle that long'),
  conditions: Conditions,
  actions: z.array(Action).min(1).max(10),
};

export const AutomationInput = z
  .strictObject({ ...ruleFields, enabled: ruleFields.enabled.default(true), on: ruleFields.on.default([]), conditions: Conditions.default({}) })
  .refine((r) => r.on.length > 0 || hasTimeCondition(r.conditions), {
    message: 'name the events in `on`, or give a `hoursSinceUpdate` condition', path: ['on'],
  })
  .meta({ id: 'AutomationInput' });
export type AutomationInput = z.infer<typeof AutomationInput>;

export const AutomationPatch = z
  .strictObject({
    name: ruleFields.name.optional(), enabled: ruleFields.enabled.optional(), on: ruleFields.on.optional(),
    conditions: Conditions.optional(), actions: ruleFields.actions.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'AutomationPatch' });
export type AutomationPatch = z.infer<typeof AutomationPatch>;

export const AutomationView = z
  .object({
    id: z.string(), name: z.string(), enabled: z.boolean(), on: z.array(EventType), conditions: Conditions, actions: z.array(Action),
    version: z.int(), createdAt: z.string(), updatedAt: z.string(),
  })
  .meta({ id: 'Automation' });
export type AutomationView = z.infer<typeof AutomationView>;
export const AutomationList = z.object({ items: z.array(AutomationView) }).meta({ id: 'AutomationList' });

export const AutomationIdParams = z.strictObject({ automationId: Id });
export const AutomationTestBody = z.strictObject({ ticketId: Id }).meta({ id: 'AutomationTestBody' });

export const AutomationTestResult = z
  .object({
    matched: z.boolean().describe('Whether the rule would act on the ticket now (conditions only; `on` names the events that run it)'),
    conditions: z.array(z.object({ group: z.enum(['all', 'any']), field: z.string(), op: z.string(), value: z.unknown(), actual: z.unknown(), matched: z.boolean() })),
    actions: z.array(z.object({ type: z.string(), description: z.string(), changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional() })),
  })
  .meta({ id: 'AutomationTestResult' });
export type AutomationTestResult = z.infer<typeof AutomationTestResult>;
