import { ForbiddenError } from '../../domain/errors';
import { setMyMailNotifications } from '../../domain/mail-channel/mail-preferences';
import { getNotificationSettings, putNotificationSettings } from '../../domain/mail-channel/notification-settings';
import { EMAIL_ROUTES } from '../../manifest/features/email';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('mail-settings', EMAIL_ROUTES, {
  getNotificationSettings: async ({ caller }, { deps }) => {
    if (caller.role !== 'admin') throw new ForbiddenError('only admins read notification settings');
    return { status: 200, body: await getNotificationSettings(deps, caller.orgId) };
  },
  putNotificationSettings: async ({ caller, body }, { deps }) => ({ status: 200, body: await putNotificationSettings(deps, caller, body) }),
  putMyMailNotifications: async ({ caller, body }, { deps }) => ({
    status: 200,
    body: { mailNotifications: await setMyMailNotifications(deps, caller, body.mailNotifications) },
  }),
});
