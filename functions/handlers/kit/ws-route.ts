import type { Context } from 'aws-lambda';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import type { WsEvent, WsResult } from '../ws/ws-event';
import { lambdaHandler } from './lambda-handler';

/** A WebSocket route's handler (`$connect`, `$disconnect`, `$default`). */
export function wsRoute(fn: (event: WsEvent, runtime: Runtime) => Promise<WsResult>) {
  return lambdaHandler(async (event: WsEvent, _context: Context) => {
    logger.appendKeys({ route: event.requestContext?.routeKey, connectionId: event.requestContext?.connectionId });
    return fn(event, runtime());
  });
}
