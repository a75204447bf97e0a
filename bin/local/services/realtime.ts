import { LOCAL_STAGE, startWebSocketGateway } from '../websocket-gateway';
import type { LocalService } from './service';

/**
 * The realtime feature's local stand-in: a real WebSocket server playing API Gateway's
 * WebSocket API and its `@connections` management API. `WS_PORT` picks the port (default 3001;
 * a free one when the HTTP port is picked freely too).
 */
export const realtimeService: LocalService = {
  name: 'realtime',
  start: async (context) => {
    const port = Number(process.env.WS_PORT ?? (process.env.HTTP_PORT === '0' ? 0 : 3001));
    const gateway = await startWebSocketGateway({ port, rootDir: context.rootDir });
    const wsUrl = `ws://127.0.0.1:${gateway.port}`;
    const wsManagementUrl = `http://127.0.0.1:${gateway.port}/${LOCAL_STAGE}`;
    context.connections.bind(wsManagementUrl);
    return {
      contract: { wsUrl, wsManagementUrl },
      banner: [`WebSocket   ${wsUrl}?token=<token>   (@connections API: ${wsManagementUrl})`],
      stop: async () => {
        await gateway.stop();
        context.connections.close();
      },
    };
  },
};
