import type { UpsertUserBody } from '../../../schemas/users';
import { toUserView, upsertUser } from '../../domain/users/manage-users';
import { listDirectory } from '../../domain/team/agent-directory';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('users', {
  listUsers: async ({ caller }) => ({
    status: 200,
    body: { items: (await listDirectory(deps, caller)).map(({ user, openAssigned }) => toUserView(user, openAssigned)) },
  }),

  upsertUser: async ({ caller, params, body }: ParsedRequest<UpsertUserBody, unknown, { userId: string }>) => ({
    status: 200,
    body: toUserView(await upsertUser(deps, caller, params.userId, body)),
  }),
});
