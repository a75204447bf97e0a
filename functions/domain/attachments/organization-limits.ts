import type { Deps } from '../store/store';

export interface OrganizationLimits {
  /** Largest file a message may carry. */
  attachmentMaxBytes: number;
  /** Tickets a customer may open through the API within an hour. */
  customerTicketsPerHour: number;
}

export const DEFAULT_LIMITS: OrganizationLimits = { attachmentMaxBytes: 25 * 1024 * 1024, customerTicketsPerHour: 10 };

/** The organization's limits: its settings where it has them (`settings.limits`), the defaults otherwise. */
export async function organizationLimits(deps: Deps, orgId: string): Promise<OrganizationLimits> {
  const { data } = await deps.store.entities.organization.get({ orgId }).go();
  const limits = ((data?.settings as { limits?: Partial<OrganizationLimits> } | undefined)?.limits ?? {}) as Partial<OrganizationLimits>;
  const positive = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);
  return {
    attachmentMaxBytes: positive(limits.attachmentMaxBytes, DEFAULT_LIMITS.attachmentMaxBytes),
    customerTicketsPerHour: positive(limits.customerTicketsPerHour, DEFAULT_LIMITS.customerTicketsPerHour),
  };
}
