import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { Role } from '../../../schemas/users';

/** The organization's directory: who may be assigned, and how people are shown. */
export const userEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'user', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        role: { type: Role.options, required: true },
        active: { type: 'boolean', required: true },
        /** Team facts (routing): departments, tier, skills, capacity (max open assigned), availability. */
        departmentIds: { type: 'list', items: { type: 'string' } },
        tier: { type: 'number' },
        skills: { type: 'list', items: { type: 'string' } },
        capacity: { type: 'number' },
        availability: { type: ['available', 'busy', 'away'] as const },
        /** Mail on assignment and customer replies to their tickets (staff). */
        mailNotifications: { type: ['immediate', 'off'] as const },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['userId'] } },
      },
    },
    config,
  );

export type User = EntityItem<ReturnType<typeof userEntity>>;

/**
 * Which directory entry holds an email address in an organization: created conditionally in the
 * transaction that saves the entry, so two entries never share an address (the identity
 * provider's own uniqueness holds for the directory too, and one person gets one summary mail).
 */
export const userEmailEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'userEmail', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byEmail: { pk: { field: 'pk', composite: ['orgId', 'email'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export const organizationEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'organization', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        /** Business settings as later issues add them (SLA, auto-close days, reopen window). */
        settings: { type: 'any', required: true },
        /** Bumped by every settings change (functions/domain/settings): the settings' ETag. Absent = 0. */
        settingsVersion: { type: 'number' },
        settingsUpdatedAt: { type: 'string' },
        settingsUpdatedBy: { type: 'string' },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );
