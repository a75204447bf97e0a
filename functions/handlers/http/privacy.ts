import { eraseRequester } from '../../domain/privacy/erase-requester';
import { ANALYTICS_ROUTES } from '../../manifest/features/analytics';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('privacy', ANALYTICS_ROUTES, {
  createPrivacyErasure: async ({ caller, body }, { deps, ports }) => ({
    status: 200, body: await eraseRequester(deps, { attachments: ports.attachments, objects: ports.objects }, caller, body.email),
  }),
});
