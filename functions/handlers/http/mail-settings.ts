import type { MyMailNotificationsBody, NotificationSettings } from '../../../schemas/notifications';
import { setMyMailNotifications } from '../../domain/mail-channel/mail-preferences';
import { getNotificationSettings, putNotificationSettings } from '../../domain/mail-channel/notification-settings';
import { ForbiddenError } from '../../domain/errors';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('mail-settings', {
  getNotificationSettings: async ({ caller }: ParsedRequest) => {
    if (caller.role !== 'admin') throw new ForbiddenError('only admins read notification settings');
    return { status: 200, body: await getNotificationSettings(deps, caller.orgId) };
  },
  putNotificationSettings: async ({ caller, body }: ParsedRequest<NotificationSettings>) => ({
    status: 200,
    body: await putNotificationSettings(deps, caller, body),
  }),
  putMyMailNotifications: async ({ caller, body }: ParsedRequest<MyMailNotificationsBody>) => ({
    status: 200,
    body: { mailNotifications: await setMyMailNotifications(deps, caller, body.mailNotifications) },
  }),
});
