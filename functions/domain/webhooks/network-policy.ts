import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { WebhookUrlRefusedError } from './errors';
import { isBlockedAddress, isBlockedHostName } from './blocked-addresses';

/** Where webhooks may go. AWS: https to public addresses only. Local: anything, for a server on the same machine. */
export interface WebhookNetworkPolicy {
  allowHttp: boolean;
  allowPrivateAddresses: boolean;
}
export const AWS_NETWORK_POLICY: WebhookNetworkPolicy = { allowHttp: false, allowPrivateAddresses: false };
export const LOCAL_NETWORK_POLICY: WebhookNetworkPolicy = { allowHttp: true, allowPrivateAddresses: true };
export const networkPolicyFor = (runtime: 'aws' | 'local') => (runtime === 'local' ? LOCAL_NETWORK_POLICY : AWS_NETWORK_POLICY);

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Every address a host name resolves to (`dns.lookup` with `all`, as the OS resolver answers). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;
export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Checks a URL against the policy and resolves its host: the addresses to connect to, all
 * of them allowed. Any blocked address refuses the whole host, so a name that answers both
 * a public and a private address cannot be used to reach the private one.
 * @throws WebhookUrlRefusedError for a refused scheme, host name or address, or a host that does not resolve.
 */
export async function resolveAllowedDestination(rawUrl: string, policy: WebhookNetworkPolicy, resolve: Resolver = systemResolver): Promise<ResolvedAddress[]> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new WebhookUrlRefusedError('not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new WebhookUrlRefusedError(policy.allowHttp ? 'only http and https URLs can receive webhooks' : 'webhooks are sent over https only');
  }
  if (url.username || url.password) throw new WebhookUrlRefusedError('credentials in the URL are not allowed; use the signature to authenticate');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (!policy.allowPrivateAddresses && isBlockedAddress(host)) throw new WebhookUrlRefusedError(`${host} is a private, loopback, link-local or reserved address`);
    return [{ address: host, family: isIP(host) }];
  }
  if (!policy.allowPrivateAddresses && isBlockedHostName(host)) throw new WebhookUrlRefusedError(`${host} names a local or metadata host`);
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw new WebhookUrlRefusedError(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
  }
  if (!addresses.length) throw new WebhookUrlRefusedError(`${host} does not resolve`);
  if (!policy.allowPrivateAddresses) {
    const bad = addresses.find((entry) => isBlockedAddress(entry.address));
    if (bad) throw new WebhookUrlRefusedError(`${host} resolves to ${bad.address}, a private, loopback, link-local or reserved address`);
  }
  return addresses;
}

/**
 * The registration-time check: the same as at delivery, except that where private addresses
 * are allowed (local runtime) the host is not looked up, so an endpoint can be registered
 * before its name resolves.
 * @throws WebhookUrlRefusedError as resolveAllowedDestination does.
 */
export async function assertWebhookUrlAllowed(rawUrl: string, policy: WebhookNetworkPolicy, resolve: Resolver = systemResolver): Promise<void> {
  const skipLookup: Resolver = async () => [{ address: '0.0.0.0', family: 4 }];
  await resolveAllowedDestination(rawUrl, policy, policy.allowPrivateAddresses ? skipLookup : resolve);
}
