import { SETTINGS } from '../../../schemas/settings';
import { readSettings } from '../settings/org-settings';
import type { Deps } from '../store/store';

export interface OrganizationLimits {
  /** Largest file a message may carry. */
  attachmentMaxBytes: number;
  /** Tickets a customer may open through the API within an hour. */
  customerTicketsPerHour: number;
}

export const DEFAULT_LIMITS: OrganizationLimits = SETTINGS.limits.fallback;

/** The organization's limits (`settings.limits`), through the one settings reader. */
export async function organizationLimits(deps: Deps, orgId: string): Promise<OrganizationLimits> {
  return (await readSettings(deps, orgId)).limits;
}
