import type { Caller } from '../../domain/caller';
import type { WsConnection } from '../../domain/realtime/connection.entity';
import type { ServerFrame } from '../../../schemas/realtime';
import type { Role } from '../../../schemas/users';

/** The caller of verified claims (the one claims→caller mapping, shared with HTTP). */
export { callerOfClaims } from '../../domain/caller';

/** The parts of an API Gateway WebSocket event the handlers read (`$connect` adds headers and query). */
export interface WsEvent {
  requestContext: {
    routeKey: string;
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    connectionId: string;
    domainName: string;
    stage: string;
    requestId?: string;
    connectedAt?: number;
    disconnectStatusCode?: number;
  };
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface WsResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The subprotocol clients name beside their token in `Sec-WebSocket-Protocol`. */
export const SUBPROTOCOL = 'helpdesk';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The token of a connect: `?token=` (the contract), else `Authorization: Bearer` (a server-side
 * client can set it), else the JWT-shaped entry of `Sec-WebSocket-Protocol` (browsers cannot set
 * Authorization on a WebSocket). Header names in any case, as API Gateway passes them on. Also
 * the subprotocol to echo: API Gateway and browsers fail the handshake unless one offered is chosen.
 */
export function connectToken(event: WsEvent): { token?: string; protocol?: string } {
  const headerOf = (wanted: string) => Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === wanted)?.[1];
  const offered = (headerOf('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const protocol = offered.find((p) => !JWT.test(p)) ?? offered[0];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerOf('authorization') ?? '')?.[1];
  const token = event.queryStringParameters?.token || bearer || offered.find((p) => JWT.test(p));
  return { token: token || undefined, protocol };
}

export function callerOfConnection(connection: WsConnection): Caller {
  return { orgId: connection.orgId, userId: connection.userId, email: connection.email, name: connection.name, role: connection.role as Role };
}

/** A two-way route's reply: API Gateway sends the body to the caller as one frame. */
export const reply = (frame: ServerFrame): WsResult => ({ statusCode: 200, body: JSON.stringify(frame) });
export const noReply = (): WsResult => ({ statusCode: 200 });
