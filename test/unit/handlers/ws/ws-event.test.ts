import { describe, expect, it } from 'vitest';
import { callerOfClaims, connectToken, type WsEvent } from '../../../../functions/handlers/ws/ws-event';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln';
const connect = (over: Partial<WsEvent>): WsEvent => ({
  requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId: 'c1', domainName: 'x', stage: 'prod' }, ...over,
});

describe('connectToken', () => {
  it('reads ?token= (the contract)', () => {
    expect(connectToken(connect({ queryStringParameters: { token: JWT } }))).toEqual({ token: JWT, protocol: undefined });
  });
  it('reads the JWT of Sec-WebSocket-Protocol and echoes the other protocol', () => {
    expect(connectToken(connect({ headers: { 'Sec-WebSocket-Protocol': `helpdesk, ${JWT}` } }))).toEqual({ token: JWT, protocol: 'helpdesk' });
    expect(connectToken(connect({ headers: { 'sec-websocket-protocol': JWT } }))).toEqual({ token: JWT, protocol: JWT });
  });
  it('reads Authorization: Bearer in any header case, after ?token=', () => {
    expect(connectToken(connect({ headers: { AUTHORIZATION: `bearer ${JWT}` } }))).toEqual({ token: JWT, protocol: undefined });
    expect(connectToken(connect({ headers: { authorization: 'Bearer other' }, queryStringParameters: { token: JWT } })).token).toBe(JWT);
    expect(connectToken(connect({ headers: { Authorization: 'Basic abc' } })).token).toBeUndefined();
  });
  it('has no token without either', () => {
    expect(connectToken(connect({ headers: { 'Sec-WebSocket-Protocol': 'helpdesk' } }))).toEqual({ token: undefined, protocol: 'helpdesk' });
    expect(connectToken(connect({ queryStringParameters: { token: '' } })).token).toBeUndefined();
  });
});

describe('callerOfClaims', () => {
  it('takes the highest role and the organization', () => {
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': ['customer', 'agent'], 'custom:orgId': 'org_a', email: 'a@x.io' }))
      .toEqual({ orgId: 'org_a', role: 'agent', userId: 'u1', email: 'a@x.io', name: undefined });
  });
  it('refuses a token without role or organization', () => {
    expect(callerOfClaims({ sub: 'u1', 'custom:orgId': 'org_a' })).toBeUndefined();
    expect(callerOfClaims({ sub: 'u1', 'cognito:groups': ['agent'] })).toBeUndefined();
  });
});
