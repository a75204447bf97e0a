import type { UpsertUserBody } from '../../../schemas/users';
import { listUsers, toUserView, upsertUser } from '../../domain/users/manage-users';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('users', {
  listUsers: async ({ caller }) => ({ status: 200, body: { items: (await listUsers(deps, caller)).map(toUserView) } }),

  upsertUser: async ({ caller, params, body }: ParsedRequest<UpsertUserBody, unknown, { userId: string }>) => ({
    status: 200,
    body: toUserView(await upsertUser(deps, caller, params.userId, body)),
  }),
});
