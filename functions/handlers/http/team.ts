import type { AvailabilityBody, DepartmentInput, DepartmentPatch, OrganizationSettingsPatch, RoutingConfig } from '../../../schemas/team';
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
import { deps } from '../deps';
import { announceAvailabilityChange } from '../ws/availability';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type DepartmentParams = { departmentId: string };
type WatcherParams = { ticketId: string; userId: string };
const rooms = new Rooms(deps);

export const handler = routeGroup('team', {
  createDepartment: async ({ caller, body }: ParsedRequest<DepartmentInput>) => {
    const department = await createDepartment(deps, caller, body);
    return { status: 201, body: toDepartmentView(department), headers: { location: `/v1/departments/${department.departmentId}` } };
  },
  listDepartments: async ({ caller }) => ({ status: 200, body: { items: (await listDepartments(deps, caller)).map(toDepartmentView) } }),
  getDepartment: async ({ caller, params }: ParsedRequest<unknown, unknown, DepartmentParams>) => ({
    status: 200, body: toDepartmentView(await getDepartment(deps, caller, params.departmentId)),
  }),
  updateDepartment: async ({ caller, params, body }: ParsedRequest<DepartmentPatch, unknown, DepartmentParams>) => ({
    status: 200, body: toDepartmentView(await updateDepartment(deps, caller, params.departmentId, body)),
  }),
  deleteDepartment: async ({ caller, params }: ParsedRequest<unknown, unknown, DepartmentParams>) => {
    await deleteDepartment(deps, caller, params.departmentId);
    return { status: 204 };
  },

  getRouting: async ({ caller }) => ({ status: 200, body: await getRoutingConfig(deps, caller) }),
  putRouting: async ({ caller, body }: ParsedRequest<RoutingConfig>) => ({ status: 200, body: await putRoutingConfig(deps, caller, body) }),

  getOrganization: async ({ caller }) => ({ status: 200, body: await getOrganization(deps, caller) }),
  updateOrganizationSettings: async ({ caller, body }: ParsedRequest<OrganizationSettingsPatch>) => ({
    status: 200, body: await updateOrganizationSettings(deps, caller, body),
  }),

  setMyAvailability: async ({ caller, body }: ParsedRequest<AvailabilityBody>) => {
    const user = await setAvailability(deps, caller, caller.userId, body.status);
    // The change is saved; telling the live list is best effort.
    await announceAvailabilityChange(rooms, user).catch((error) => logger.warn('availability frame not posted', { error: String(error) }));
    return { status: 200, body: toUserView(user) };
  },

  setUserAvailability: async ({ caller, params, body }: ParsedRequest<AvailabilityBody, unknown, { userId: string }>) => {
    const user = await setAvailability(deps, caller, params.userId, body.status);
    await announceAvailabilityChange(rooms, user).catch((error) => logger.warn('availability frame not posted', { error: String(error) }));
    return { status: 200, body: toUserView(user) };
  },

  addWatcher: async ({ caller, params }: ParsedRequest<unknown, unknown, WatcherParams>) => {
    const ticket = await setWatcher(deps, caller, params.ticketId, params.userId, true);
    return { status: 200, body: { watchers: ticket.watchers ?? [] }, headers: { etag: `"${ticket.version}"` } };
  },
  removeWatcher: async ({ caller, params }: ParsedRequest<unknown, unknown, WatcherParams>) => {
    const ticket = await setWatcher(deps, caller, params.ticketId, params.userId, false);
    return { status: 200, body: { watchers: ticket.watchers ?? [] }, headers: { etag: `"${ticket.version}"` } };
  },
});
