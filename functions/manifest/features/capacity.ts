import { DevCapacity, DevCapacitySettings } from '../../../schemas/dev-capacity';
import { COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, STAFF } from '../spec';

/** The local runtime's capacity meter (developer tool, never deployed): DynamoDB units by caller. */
export const CAPACITY_GROUPS = {
  'capacity-dev': { entry: 'bin/local/dev-routes/capacity-dev.ts', memoryMb: 256, timeoutSeconds: 10, localOnly: true },
} as const satisfies Record<string, HttpGroupSpec>;

export const CAPACITY_ROUTES = [
  {
    operationId: 'getDevCapacity', method: 'GET', path: '/v1/dev/capacity', group: 'capacity-dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: the DynamoDB read and write units every call of the runtime consumed since it started (as AWS bills them), '
      + 'by caller (HTTP route group, bus rule, queue, timer), with the invocations running and the queued messages; all organizations together',
    responses: { 200: { description: 'Running totals', schema: DevCapacity }, ...COMMON_ERRORS },
  },
  {
    operationId: 'setDevCapacity', method: 'POST', path: '/v1/dev/capacity', group: 'capacity-dev', roles: ['admin'], localOnly: true,
    summary: 'Local runtime only: bill transactions\' table arms from the items\' sizes (`transactionImages: true`, two extra reads a '
      + 'transaction item, unmetered) or as DynamoDB Local reports them (the default; a lower bound). Admin: the meter is the whole runtime\'s',
    request: { body: DevCapacitySettings },
    responses: { 200: { description: 'Running totals', schema: DevCapacity }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];
