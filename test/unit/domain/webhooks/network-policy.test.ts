import { describe, expect, it } from 'vitest';
import { WebhookUrlRefusedError } from '../../../../functions/domain/webhooks/errors';
import {
  AWS_NETWORK_POLICY, LOCAL_NETWORK_POLICY, networkPolicyFor, resolveAllowedDestination, type Resolver,
} from '../../../../functions/domain/webhooks/network-policy';

const dns = (answers: Record<string, string[]>): Resolver => async (host) => {
  const list = answers[host];
  if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const resolver = dns({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
  'internal.example.com': ['10.0.0.5'],
  'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
  'mapped.example.com': ['::ffff:169.254.169.254'],
});

describe('the webhook network policy', () => {
  it('is https-only and public-only in AWS, open locally', () => {
    expect(networkPolicyFor('aws')).toEqual(AWS_NETWORK_POLICY);
    expect(networkPolicyFor('local')).toEqual(LOCAL_NETWORK_POLICY);
  });

  it('accepts a public https endpoint and answers every resolved address', async () => {
    await expect(resolveAllowedDestination('https://hooks.example.com/in', AWS_NETWORK_POLICY, resolver)).resolves.toHaveLength(2);
  });

  it.each([
    ['http://hooks.example.com/in', /https only/],
    ['https://127.0.0.1/in', /127\.0\.0\.1/],
    ['https://[::1]:8443/in', /::1/],
    ['https://[::ffff:7f00:1]/in', /private/],
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['https://internal.example.com/in', /resolves to 10\.0\.0\.5/],
    ['https://rebind.example.com/in', /resolves to 127\.0\.0\.1/],
    ['https://mapped.example.com/in', /169\.254\.169\.254/],
    ['https://localhost:8443/in', /local or metadata/],
    ['https://nowhere.example.com/in', /does not resolve \(ENOTFOUND\)/],
    ['https://user:pw@hooks.example.com/in', /credentials/],
    ['ftp://hooks.example.com/in', /https only/],
  ])('refuses %s in AWS', async (url, reason) => {
    const refusal = resolveAllowedDestination(url, AWS_NETWORK_POLICY, resolver);
    await expect(refusal).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    await expect(refusal).rejects.toThrow(reason);
  });

  it('lets a developer point at the same machine locally', async () => {
    await expect(resolveAllowedDestination('http://127.0.0.1:4000/hook', LOCAL_NETWORK_POLICY, resolver)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(resolveAllowedDestination('http://internal.example.com/in', LOCAL_NETWORK_POLICY, resolver)).resolves.toHaveLength(1);
  });

  it('points the problem at the url field', async () => {
    const error = await resolveAllowedDestination('http://hooks.example.com', AWS_NETWORK_POLICY, resolver).catch((e) => e);
    expect(error.code).toBe('webhook-url-refused');
    expect(error.extensions.errors[0].pointer).toBe('#/url');
  });
});
