/** API Gateway WebSocket $connect, $disconnect and $default events through the WebSocket handlers (map: test/support/aws-world.ts). */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import {
  type AnyHandler, json, ctx, clone, suite, verifiedTokens, claimsOf, provideAwsWorld,
} from '../../support/aws-world';

beforeAll(provideAwsWorld);

suite('API Gateway WebSocket → $connect, $disconnect, $default', () => {
  let connect: AnyHandler;
  let disconnect: AnyHandler;
  let actions: AnyHandler;
  beforeAll(async () => {
    connect = ((await import('../../../functions/handlers/ws/connect')) as unknown as { handler: AnyHandler }).handler;
    disconnect = ((await import('../../../functions/handlers/ws/disconnect')) as unknown as { handler: AnyHandler }).handler;
    actions = ((await import('../../../functions/handlers/ws/actions')) as unknown as { handler: AnyHandler }).handler;
  });
  const CONNECTS = ['aws-lambda-go/apigw-websocket-request.json', 'powertools-lambda-typescript/apigw-websocket/connectEvent.json'];
  const MESSAGES = ['aws-lambda-go/apigw-websocket-request-send-message.json', 'powertools-lambda-typescript/apigw-rest/websocket.json'];
  const withConnection = <T extends { requestContext: { connectionId: string } }>(event: T, connectionId: string): T => {
    const copy = clone(event);
    copy.requestContext.connectionId = connectionId;
    return copy;
  };
  const token = (who: 'agent' | 'customer') => {
    const t = `eyJ${randomUUID().replace(/-/g, '')}.eyJ${who}.sig${randomUUID().slice(0, 8)}`;
    verifiedTokens.set(t, claimsOf(who));
    return t;
  };

  it('refuses every corpus $connect as AWS sent it (no token of ours) with 401', async () => {
    for (const file of CONNECTS) {
      expect([file, await connect(json(file), ctx('ws-connect'))]).toEqual([file, expect.objectContaining({ statusCode: 401 })]);
    }
  });

  it('connects with the token in the query string or in Sec-WebSocket-Protocol (any header case), then serves a base64 ping', async () => {
    for (const file of CONNECTS) {
      const byQuery = withConnection(json(file), `q-${randomUUID()}`);
      byQuery.queryStringParameters = { ...(byQuery.queryStringParameters ?? {}), token: token('agent') };
      expect(await connect(byQuery, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });

      const byBearer = withConnection(json(file), `b-${randomUUID()}`);
      byBearer.headers = { ...(byBearer.headers ?? {}), Authorization: `Bearer ${token('agent')}` };
      expect(await connect(byBearer, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });

      const byHeader = withConnection(json(file), `h-${randomUUID()}`);
      byHeader.headers = { ...(byHeader.headers ?? {}), 'SEC-WEBSOCKET-PROTOCOL': `helpdesk, ${token('customer')}` };
      expect(await connect(byHeader, ctx('ws-connect'))).toMatchObject({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'helpdesk' } });

      for (const message of MESSAGES) {
        const ping = withConnection(json(message), byQuery.requestContext.connectionId);
        ping.body = Buffer.from('{"action":"ping"}').toString('base64');
        ping.isBase64Encoded = true;
        const answer = await actions(ping, ctx('ws-actions')) as { statusCode: number; body: string };
        expect(JSON.parse(answer.body)).toMatchObject({ type: 'pong', data: { connectionId: byQuery.requestContext.connectionId } });
      }
    }
  });

  it('refuses a forged token with 401 and stores no connection', async () => {
    const event = withConnection(json(CONNECTS[0]!), `forged-${randomUUID()}`);
    event.queryStringParameters = { token: 'eyJa.eyJb.forged' };
    expect(await connect(event, ctx('ws-connect'))).toMatchObject({ statusCode: 401 });
    const ping = withConnection(json(MESSAGES[0]!), event.requestContext.connectionId);
    ping.body = '{"action":"ping"}';
    const answer = await actions(ping, ctx('ws-actions')) as { body: string };
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', data: { code: 'forbidden' } });
  });

  it('answers every corpus message (not JSON, not ours) with an error frame and keeps the connection', async () => {
    for (const file of MESSAGES) {
      const answer = await actions(json(file), ctx('ws-actions')) as { statusCode: number; body: string };
      expect([file, answer.statusCode]).toEqual([file, 200]);
      expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', data: { code: expect.stringMatching(/^(malformed-frame|unknown-action)$/) } });
    }
    for (const [body, isBase64Encoded] of [['not json', false], ['bm90IGpzb24=', true], ['', false], [null, false], ['{"action":"nope"}', false]] as const) {
      const event = { ...json(MESSAGES[0]!), body, isBase64Encoded };
      const answer = await actions(event, ctx('ws-actions')) as { statusCode: number; body: string };
      expect([body, JSON.parse(answer.body).type]).toEqual([body, 'error']);
    }
  });

  it('takes every corpus $disconnect, with disconnectStatusCode and disconnectReason, for a connection it knows or not', async () => {
    const file = 'aws-lambda-go/apigw-websocket-request-disconnect.json';
    expect(await disconnect(json(file), ctx('ws-disconnect'))).toEqual({ statusCode: 200 });
    const open = withConnection(json(CONNECTS[0]!), `d-${randomUUID()}`);
    open.queryStringParameters = { token: token('agent') };
    expect(await connect(open, ctx('ws-connect'))).toMatchObject({ statusCode: 200 });
    const gone = withConnection(json(file), open.requestContext.connectionId) as { requestContext: Record<string, unknown> };
    Object.assign(gone.requestContext, { disconnectStatusCode: 1001, disconnectReason: 'Going away' });
    expect(await disconnect(gone, ctx('ws-disconnect'))).toEqual({ statusCode: 200 });
    const ping = withConnection(json(MESSAGES[0]!), open.requestContext.connectionId);
    ping.body = '{"action":"ping"}';
    expect(JSON.parse((await actions(ping, ctx('ws-actions')) as { body: string }).body)).toMatchObject({ type: 'error', data: { code: 'forbidden' } });
  });
});
