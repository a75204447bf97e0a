import { tokenVerifier } from '../../adapters/token-verifier';
import { Rooms, userRoom } from '../../domain/realtime/rooms';
import { isStaff } from '../../domain/caller';
import { logger } from '../../observability';
import { deps } from '../deps';
import { type WsEvent, type WsResult, callerOfClaims, connectToken } from './ws-event';

const rooms = new Rooms(deps);

/**
 * `$connect`: verifies the ID token as the HTTP API's authorizer does and records the
 * connection. Any answer but 2xx makes API Gateway refuse the upgrade, so a missing, forged or
 * expired token never gets a connection.
 */
export const handler = async (event: WsEvent): Promise<WsResult> => {
  const { token, protocol } = connectToken(event);
  if (!token) return { statusCode: 401, body: 'Unauthorized: send ?token=<ID token>' };
  let claims;
  try {
    claims = await tokenVerifier().verify(token);
  } catch (error) {
    logger.warn('websocket connect refused', { reason: (error as Error).name });
    return { statusCode: 401, body: 'Unauthorized' };
  }
  const caller = callerOfClaims(claims);
  if (!caller) return { statusCode: 403, body: 'Forbidden: the token carries no helpdesk role or organization' };
  const connection = await rooms.open(caller, event.requestContext.connectionId);
  // Staff join their own room, where the events of tickets they watch arrive unasked.
  if (isStaff(caller)) await rooms.join(connection, userRoom(caller.userId));
  return { statusCode: 200, ...(protocol ? { headers: { 'Sec-WebSocket-Protocol': protocol } } : {}) };
};
