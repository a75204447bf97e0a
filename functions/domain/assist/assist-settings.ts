import type { AssistSettings } from '../../../schemas/kb';
import type { Caller } from '../caller';
import { ForbiddenError } from '../errors';
import { SETTINGS } from '../../../schemas/settings';
import { readSettings, updateSettings } from '../settings/org-settings';
import type { Deps } from '../store/store';

export const DEFAULT_ASSIST: AssistSettings = SETTINGS.assist.fallback;

/**
 * The organization's assistant settings, defaults filled in: one GetItem, not the shared
 * settings cache, so a provider an admin just chose is the one used next.
 */
export async function assistSettingsOf(deps: Deps, orgId: string): Promise<AssistSettings> {
  return (await readSettings(deps, orgId)).assist;
}

/**
 * Replaces the assistant setting (admins) through the versioned, audited organization settings,
 * so it never overwrites a concurrent change of another setting.
 * @throws ForbiddenError, NotFoundError, SettingsVersionConflictError
 */
export async function putAssistSettings(deps: Deps, caller: Caller, settings: AssistSettings): Promise<AssistSettings> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change the assistant settings');
  // A PUT replaces: a model id left out is removed, not kept from before.
  const view = await updateSettings(deps, caller, { assist: settings }, undefined, { replace: true });
  return view.settings.assist;
}

/** The caller's organization's assistant settings (staff read them to know what the assistant does). */
export const readAssistSettings = (deps: Deps, caller: Caller): Promise<AssistSettings> => assistSettingsOf(deps, caller.orgId);
