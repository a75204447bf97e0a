import { Rooms, userRoom } from '../../domain/realtime/rooms';
import { isStaff } from '../../domain/caller';
import { logger } from '../../observability';
import { wsRoute } from '../kit/ws-route';
import { callerOfClaims, connectToken } from './ws-event';

/**
 * `$connect`: verifies the ID token as the HTTP API's authorizer does and records the
 * connection. Any answer but 2xx makes API Gateway refuse the upgrade, so a missing, forged or
 * expired token never gets a connection.
 */
export const handler = wsRoute(async (event, { deps, ports }) => {
  const { token, protocol } = connectToken(event);
  if (!token) return { statusCode: 401, body: 'Unauthorized: send ?token=<ID token>' };
  let claims;
  try {
    claims = await ports.tokens.verify(token);
  } catch (error) {
    logger.warn('websocket connect refused', { reason: (error as Error).name });
    return { statusCode: 401, body: 'Unauthorized' };
  }
  const caller = callerOfClaims(claims);
  if (!caller) return { statusCode: 403, body: 'Forbidden: the token carries no helpdesk role or organization' };
  const rooms = new Rooms(deps);
  const connection = await rooms.open(caller, event.requestContext.connectionId);
  // Staff join their own room, where the events of tickets they watch arrive unasked.
  if (isStaff(caller)) await rooms.join(connection, userRoom(caller.userId));
  return { statusCode: 200, ...(protocol ? { headers: { 'Sec-WebSocket-Protocol': protocol } } : {}) };
});
