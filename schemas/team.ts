import * as z from 'zod';
import { Id } from './common';
import { TicketPriority } from './ticket-enums';

export const Tier = z.number().int().min(1).max(3);
export const Skill = z.string().trim().min(1).max(50).regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:/-]*$/u, 'a skill: letters, digits and _ . : / -');
export const Availability = z.enum(['available', 'busy', 'away']).meta({ id: 'Availability' });
export type Availability = z.infer<typeof Availability>;
export const AgentScope = z.enum(['all', 'department', 'assigned']).meta({ id: 'AgentScope' });
export type AgentScope = z.infer<typeof AgentScope>;

export const DepartmentInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(1000).optional(),
    tier: Tier.optional(),
  })
  .meta({ id: 'DepartmentInput' });
export type DepartmentInput = z.infer<typeof DepartmentInput>;
export const DepartmentPatch = DepartmentInput.partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'DepartmentPatch' });
export type DepartmentPatch = z.infer<typeof DepartmentPatch>;
export const DepartmentView = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), tier: z.number().int().nullable(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Department' });
export type DepartmentView = z.infer<typeof DepartmentView>;
export const DepartmentList = z.object({ items: z.array(DepartmentView) }).meta({ id: 'DepartmentList' });
export const DepartmentIdParams = z.strictObject({ departmentId: Id });

export const RoutingStrategy = z.enum(['round_robin', 'least_loaded', 'skills']).meta({ id: 'RoutingStrategy' });
export type RoutingStrategy = z.infer<typeof RoutingStrategy>;

export const RoutingRule = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    when: z
      .strictObject({
        category: z.string().min(1).max(100).optional(),
        channel: z.string().min(1).max(50).optional(),
        priority: TicketPriority.optional(),
        tags: z.array(z.string().min(1).max(50)).max(20).optional().describe('The ticket must carry every one of these tags'),
      })
      .default({}),
    departmentId: Id,
    strategy: RoutingStrategy,
    skills: z.array(Skill).max(20).optional(),
  })
  .refine((rule) => rule.strategy !== 'skills' || (rule.skills?.length ?? 0) > 0, { message: 'the skills strategy needs skills', path: ['skills'] })
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingConfig = z
  .strictObject({
    rules: z.array(RoutingRule).max(100),
    fallback: z.strictObject({ departmentId: Id.optional(), strategy: RoutingStrategy.exclude(['skills']) }).optional(),
  })
  .meta({ id: 'RoutingConfig' });
export type RoutingConfig = z.infer<typeof RoutingConfig>;

export const AvailabilityBody = z.strictObject({ status: Availability }).meta({ id: 'AvailabilityBody' });
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;

export const OrganizationSettingsPatch = z
  .strictObject({ agentScope: AgentScope.optional() })
  .refine((body) => Object.keys(body).length > 0, 'at least one setting to change')
  .meta({ id: 'OrganizationSettingsPatch' });
export type OrganizationSettingsPatch = z.infer<typeof OrganizationSettingsPatch>;
export const OrganizationView = z
  .object({ id: z.string(), name: z.string(), settings: z.object({ agentScope: AgentScope }).loose() })
  .meta({ id: 'Organization' });

export const WatcherParams = z.strictObject({ ticketId: Id, userId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_@.:-]+$/, 'not a valid user id') });
export const WatcherList = z.object({ watchers: z.array(z.string()) }).meta({ id: 'WatcherList' });

export const RedeliverParams = z.strictObject({ eventId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an event id') });
