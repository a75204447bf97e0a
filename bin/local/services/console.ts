import path from 'node:path';
import { buildWeb } from '../../../web/build';
import { startStaticServer } from '../console/static-server';
import { DEMO_ORG, OTHER_ORG } from '../seed';
import type { LocalService } from './service';

/**
 * The agent console and customer portal (web/), built at start and served on their own port
 * (`CONSOLE_PORT`, default 3003; a free one when the HTTP port is picked freely too), with
 * the `config.json` the app reads and, local only, the seeded users and their tokens for the
 * sign-in page. Nothing of this is deployed: in AWS the stack writes config.json and Cognito
 * signs people in.
 */
export const consoleService: LocalService = {
  name: 'console',
  start: async (context) => {
    const port = Number(process.env.CONSOLE_PORT ?? (process.env.HTTP_PORT === '0' ? 0 : 3003));
    await buildWeb(path.join(context.dataDir, 'console'));
    const wsUrl = String(context.earlier?.wsUrl ?? '');
    const users: { key: string; name: string; email: string; role: string; orgId: string; token: string }[] = [];
    for (const org of [DEMO_ORG, OTHER_ORG]) {
      for (const user of org.users) {
        users.push({ key: user.key, name: user.name, email: user.email, role: user.role, orgId: org.orgId, token: await context.tokens.sign(user) });
      }
    }
    const server = await startStaticServer({
      root: path.join(context.dataDir, 'console'),
      port,
      json: {
        '/config.json': () => ({ apiUrl: context.httpUrl, wsUrl, auth: { kind: 'local', usersUrl: './local/users.json' } }),
        '/local/users.json': () => ({ users }),
      },
    });
    const consoleUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return {
      contract: { consoleUrl },
      banner: [`Console     ${consoleUrl}   (agent console and customer portal; pick a seeded user to sign in)`],
      stop: () => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    };
  },
};
