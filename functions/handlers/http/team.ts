import { Rooms } from '../../domain/realtime/rooms';
import { getOrganization, updateOrganizationSettings } from '../../domain/team/agent-scope';
import { setAvailability } from '../../domain/team/agent-directory';
import {
  createDepartment, deleteDepartment, getDepartment, listDepartments, toDepartmentView, updateDepartment,
} from '../../domain/team/manage-departments';
import { getRoutingConfig, putRoutingConfig } from '../../domain/team/routing-config';
import { setWatcher } from '../../domain/team/watchers';
import { toUserView } from '../../domain/users/manage-users';
import { logger } from '../../observability';
import { TEAM_ROUTES } from '../../manifest/features/team';
import { routeGroup } from '../kit/http-route';
import { announceAvailabilityChange } from '../ws/availability';

export const handler = routeGroup('team', TEAM_ROUTES, {
  createDepartment: async ({ caller, body }, { deps }) => {
    const department = await createDepartment(deps, caller, body);
    return { status: 201, body: toDepartmentView(department), headers: { location: `/v1/departments/${department.departmentId}` } };
  },
  listDepartments: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listDepartments(deps, caller)).map(toDepartmentView) } }),
  getDepartment: async ({ caller, params }, { deps }) => ({
    status: 200, body: toDepartmentView(await getDepartment(deps, caller, params.departmentId)),
  }),
  updateDepartment: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toDepartmentView(await updateDepartment(deps, caller, params.departmentId, body)),
  }),
  deleteDepartment: async ({ caller, params }, { deps }) => {
    await deleteDepartment(deps, caller, params.departmentId);
    return { status: 204 };
  },

  getRouting: async ({ caller }, { deps }) => ({ status: 200, body: await getRoutingConfig(deps, caller) }),
  putRouting: async ({ caller, body }, { deps }) => ({ status: 200, body: await putRoutingConfig(deps, caller, body) }),

  getOrganization: async ({ caller }, { deps }) => ({ status: 200, body: await getOrganization(deps, caller) }),
  updateOrganizationSettings: async ({ caller, body }, { deps }) => ({
    status: 200, body: await updateOrganizationSettings(deps, caller, body),
  }),

  setMyAvailability: async ({ caller, body }, { deps, ports }) => {
    const user = await setAvailability(deps, caller, caller.userId, body.status);
    // The change is saved; telling the live list is best effort.
    await announceAvailabilityChange(new Rooms(deps), ports.connections, user).catch((error) => logger.warn('availability frame not posted', { error: String(error) }));
    return { status: 200, body: toUserView(user) };
  },

  setUserAvailability: async ({ caller, params, body }, { deps, ports }) => {
    const user = await setAvailability(deps, caller, params.userId, body.status);
    await announceAvailabilityChange(new Rooms(deps), ports.connections, user).catch((error) => logger.warn('availability frame not posted', { error: String(error) }));
    return { status: 200, body: toUserView(user) };
  },

  addWatcher: async ({ caller, params }, { deps }) => {
    const ticket = await setWatcher(deps, caller, params.ticketId, params.userId, true);
    return { status: 200, body: { watchers: ticket.watchers ?? [] }, headers: { etag: `"${ticket.version}"` } };
  },
  removeWatcher: async ({ caller, params }, { deps }) => {
    const ticket = await setWatcher(deps, caller, params.ticketId, params.userId, false);
    return { status: 200, body: { watchers: ticket.watchers ?? [] }, headers: { etag: `"${ticket.version}"` } };
  },
});
