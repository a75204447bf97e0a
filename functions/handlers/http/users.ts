import type { UpsertUserBody } from '../../../schemas/users';
import { listUsers, toUserView, upsertUser } from '../../domain/users/manage-users';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('users', {
  listUsers: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listUsers(deps, caller)).map(toUserView) } }),

  upsertUser: async ({ caller, params, body }, { deps }) => ({
    status: 200,
    body: toUserView(await upsertUser(deps, caller, params.userId, body)),
  }),
});
