import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { WS_ROUTES, type WebSocketRouteSpec } from '../../functions/manifest/features/realtime';
import type { WsEvent, WsResult } from '../../functions/handlers/ws/ws-event';
import { loadHandler } from './handler-loader';
import { invoke as invokeLambda } from './invoke';
import { lambdaContext } from './lambda-context';
import { WS_MAX_MESSAGE_BYTES, limitFrameSize } from './ws-limits';

/** The stage name of the local API: the management endpoint is `http://host:port/local`. */
export const LOCAL_STAGE = 'local';
/** API Gateway's limits: 10 minutes idle, 2 hours in all. */
const IDLE_MS = 10 * 60 * 1000;
const MAX_DURATION_MS = 2 * 60 * 60 * 1000;

interface LiveConnection {
  socket: WebSocket;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  queue: Promise<void>;
  timers: NodeJS.Timeout[];
}

export interface WebSocketGateway {
  server: Server;
  port: number;
  stop(): Promise<void>;
  /** Open connections (for the dev tools and the benchmark). */
  size(): number;
}

/**
 * Plays an API Gateway WebSocket API: each upgrade is a `$connect` event (a non-2xx answer
 * refuses it with that status), each frame a `$default` event (the route response goes back
 * as a frame), each close a `$disconnect`, all for the handlers of the shared WS_ROUTES.
 * The same port answers the `@connections` management API (POST/GET/DELETE), so the real
 * ApiGatewayManagementApiClient posts through it; an unknown or closed connection is 410.
 *
 * A connection that drops without a closing handshake (a killed client) gets no `$disconnect`
 * here, as a half-open connection gets none from API Gateway until it times out: what cleans
 * it up is the next post's 410, or the items' TTL.
 */
export async function startWebSocketGateway(options: { port: number; rootDir: string; host?: string }): Promise<WebSocketGateway> {
  const host = options.host ?? '127.0.0.1';
  const connections = new Map<string, LiveConnection>();
  const routes = new Map<string, WebSocketRouteSpec>(WS_ROUTES.map((route) => [route.routeKey, route]));
  const invoke = async (routeKey: string, event: WsEvent): Promise<WsResult | undefined> => {
    const route = routes.get(routeKey) ?? routes.get('$default');
    if (!route) return undefined;
    const load = () => loadHandler<(e: WsEvent, c: unknown) => Promise<WsResult | undefined>>(options.rootDir, route.entry);
    return invokeLambda(load, event, lambdaContext(`helpdesk-ws-${route.routeKey.slice(1)}`, route.timeoutSeconds, route.memoryMb), `ws:${route.routeKey}`);
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_MESSAGE_BYTES,
    handleProtocols: (_protocols, req) => (req as IncomingMessage & { selectedProtocol?: string }).selectedProtocol ?? false,
  });
  const server = createServer((req, res) => {
    management(req, res).catch((error) => {
      console.error('websocket management API error', error);
      if (!res.headersSent) respond(res, 500, { message: 'Internal server error' });
    });
  });

  async function management(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^(?:\/[^/]+)?\/@connections\/([^/]+)\/?$/.exec(url.pathname);
    if (!match) return respond(res, 404, { message: 'Not Found' });
    const connectionId = decodeURIComponent(match[1]);
    const live = connections.get(connectionId);
    const body = await readBody(req);
    if (!live || live.socket.readyState !== WebSocket.OPEN) return respond(res, 410, { message: 'Gone' }, 'GoneException');
    switch (req.method) {
      case 'POST':
        if (body.length > 128 * 1024) return respond(res, 413, { message: 'Payload too large' }, 'PayloadTooLargeException');
        await new Promise<void>((resolve, reject) => live.socket.send(body.toString('utf8'), (error) => (error ? reject(error) : resolve())))
          .catch(() => undefined);
        return respond(res, 200);
      case 'GET':
        return respond(res, 200, {
          ConnectedAt: new Date(live.connectedAt).toISOString(),
          LastActiveAt: new Date(live.lastActiveAt).toISOString(),
          Identity: { SourceIp: live.sourceIp, UserAgent: live.userAgent },
        });
      case 'DELETE':
        live.socket.close(1000, 'Closed by the server');
        return respond(res, 204);
      default:
        return respond(res, 405, { message: 'Method Not Allowed' });
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(req, socket, head).catch((error) => {
      console.error('websocket connect failed', error);
      refuse(socket, 500, 'Internal server error');
    });
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const connectionId = randomBytes(10).toString('base64');
    const connectedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const base = context(req, connectionId, connectedAt);
    const query = Object.fromEntries(url.searchParams);
    const event: WsEvent & Record<string, unknown> = {
      headers: headersOf(req),
      multiValueHeaders: Object.fromEntries(Object.entries(headersOf(req)).map(([k, v]) => [k, [v]])),
      queryStringParameters: Object.keys(query).length ? query : undefined,
      multiValueQueryStringParameters: Object.keys(query).length ? Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)])) : undefined,
      requestContext: { ...base, routeKey: '$connect', eventType: 'CONNECT' },
      isBase64Encoded: false,
    };
    const result = await invoke('$connect', event);
    const status = result?.statusCode ?? 200;
    if (status < 200 || status > 299) return refuse(socket, status, result?.body ?? '');
    const protocol = Object.entries(result?.headers ?? {}).find(([k]) => k.toLowerCase() === 'sec-websocket-protocol')?.[1];
    (req as IncomingMessage & { selectedProtocol?: string }).selectedProtocol = protocol;
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, connectionId, connectedAt));
  }

  function accept(ws: WebSocket, req: IncomingMessage, connectionId: string, connectedAt: number) {
    const live: LiveConnection = {
      socket: ws, connectedAt, lastActiveAt: connectedAt, sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      userAgent: String(req.headers['user-agent'] ?? ''), queue: Promise.resolve(), timers: [],
    };
    connections.set(connectionId, live);
    limitFrameSize(ws);
    // An oversize or malformed frame fails this socket alone: ws closes it (1009, 1002) after
    // emitting 'error', which without a listener would take the whole runtime down.
    ws.on('error', (error) => console.warn(`websocket ${connectionId}: ${error.message}; connection closed`));
    let idle = setTimeout(() => ws.close(1001, 'Going away'), IDLE_MS).unref();
    live.timers.push(setTimeout(() => ws.close(1001, 'Going away'), MAX_DURATION_MS).unref());
    ws.on('message', (data, isBinary) => {
      live.lastActiveAt = Date.now();
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(1001, 'Going away'), IDLE_MS).unref();
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      // One frame at a time per connection, so a client sees its replies in the order it sent.
      live.queue = live.queue.then(() => message(connectionId, req, connectedAt, buffer, isBinary));
    });
    ws.on('close', (code, reason) => {
      clearTimeout(idle);
      for (const timer of live.timers) clearTimeout(timer);
      connections.delete(connectionId);
      if (code === 1006) return; // dropped without a closing handshake: see the class comment
      const event: WsEvent = {
        requestContext: {
          ...context(req, connectionId, connectedAt), routeKey: '$disconnect', eventType: 'DISCONNECT',
          disconnectStatusCode: code, ...({ disconnectReason: reason.toString('utf8') } as object),
        },
        headers: headersOf(req),
        isBase64Encoded: false,
      };
      live.queue = live.queue.then(() => invoke('$disconnect', event).then(() => undefined)).catch((error) => {
        console.error('websocket $disconnect failed', error);
      });
    });
  }

  async function message(connectionId: string, req: IncomingMessage, connectedAt: number, data: Buffer, isBinary: boolean) {
    const live = connections.get(connectionId);
    const body = isBinary ? data.toString('base64') : data.toString('utf8');
    const requestId = randomUUID();
    let routeKey = '$default';
    try {
      const action = (JSON.parse(body) as { action?: unknown }).action;
      if (typeof action === 'string' && routes.has(action)) routeKey = action;
    } catch {
      // not JSON: the $default route answers it
    }
    const event: WsEvent & Record<string, unknown> = {
      requestContext: {
        ...context(req, connectionId, connectedAt), routeKey, eventType: 'MESSAGE', requestId,
        ...({ messageId: randomBytes(8).toString('base64'), messageDirection: 'IN' } as object),
      },
      body,
      isBase64Encoded: isBinary,
    };
    try {
      const result = await invoke(routeKey, event);
      if (result?.body !== undefined && live?.socket.readyState === WebSocket.OPEN) live.socket.send(result.body);
    } catch (error) {
      console.error(`websocket ${routeKey} failed`, error);
      if (live?.socket.readyState === WebSocket.OPEN) {
        live.socket.send(JSON.stringify({ message: 'Internal server error', connectionId, requestId }));
      }
    }
  }

  function context(req: IncomingMessage, connectionId: string, connectedAt: number) {
    const now = new Date();
    return {
      connectionId, connectedAt, stage: LOCAL_STAGE, apiId: 'local', domainName: req.headers.host ?? `${host}`,
      requestId: randomUUID(), extendedRequestId: randomUUID(), requestTimeEpoch: now.getTime(), requestTime: now.toUTCString(),
      identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: String(req.headers['user-agent'] ?? '') },
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    server,
    port,
    size: () => connections.size,
    stop: async () => {
      for (const live of connections.values()) live.socket.terminate();
      await Promise.allSettled([...connections.values()].map((live) => live.queue));
      connections.clear();
      wss.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]] = req.rawHeaders[i + 1];
  return headers;
}

function refuse(socket: Duplex, status: number, body: string) {
  const text = body || (status === 401 ? 'Unauthorized' : 'Forbidden');
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\n`
    + `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function respond(res: ServerResponse, status: number, body?: unknown, errorType?: string) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
