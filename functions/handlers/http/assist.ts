import { putAssistSettings, readAssistSettings } from '../../domain/assist/assist-settings';
import { replySuggestions } from '../../domain/assist/reply-suggestions';
import { suggest } from '../../domain/assist/suggest';
import { isStaff } from '../../domain/caller';
import { ForbiddenError } from '../../domain/errors';
import { KB_ROUTES } from '../../manifest/features/kb';
import { routeGroup } from '../kit/http-route';

/** The assistant: suggestions for a text, reply drafts for a ticket, and the organization's choice of provider. */
export const handler = routeGroup('assist', KB_ROUTES, {
  suggestAssist: async ({ caller, body }, { deps, ports }) => ({ status: 200, body: await suggest(deps, ports, caller, body) }),
  getAssistSettings: async ({ caller }, { deps }) => {
    if (!isStaff(caller)) throw new ForbiddenError('only staff read the assistant settings');
    return { status: 200, body: await readAssistSettings(deps, caller) };
  },
  putAssistSettings: async ({ caller, body }, { deps }) => ({ status: 200, body: await putAssistSettings(deps, caller, body) }),
  suggestReplies: async ({ caller, params }, { deps, ports }) => ({
    status: 200, body: { items: await replySuggestions(deps, ports, caller, params.ticketId) },
  }),
});
