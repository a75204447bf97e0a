import { toUserView, upsertUser } from '../../domain/users/manage-users';
import { listDirectory } from '../../domain/team/agent-directory';
import { CORE_ROUTES } from '../../manifest/features/core';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('users', CORE_ROUTES, {
  listUsers: async ({ caller }, { deps }) => ({
    status: 200,
    body: { items: (await listDirectory(deps, caller)).map(({ user, openAssigned }) => toUserView(user, openAssigned)) },
  }),

  upsertUser: async ({ caller, params, body }, { deps }) => ({
    status: 200,
    body: toUserView(await upsertUser(deps, caller, params.userId, body)),
  }),
});
