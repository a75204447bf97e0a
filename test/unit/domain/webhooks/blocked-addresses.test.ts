import { describe, expect, it } from 'vitest';
import { embeddedIpv4, isBlockedAddress, isBlockedHostName } from '../../../../functions/domain/webhooks/blocked-addresses';

describe('the SSRF address ranges', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.170.2',
    '100.64.0.1', '100.127.255.255', '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '192.0.2.10',
    '198.18.0.1', '198.51.100.7', '203.0.113.9',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '2001:db8::1', 'fec0::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '[::ffff:192.168.0.1]',
    '::127.0.0.1', '64:ff9b::10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '2002:c0a8:101::1',
    'not-an-ip', '1.2.3', '',
  ])('blocks %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('allows %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });

  it('reads the IPv4 address embedded in IPv6 forms', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('0:0:0:0:0:ffff:0a00:0001')).toBe('10.0.0.1');
    expect(embeddedIpv4('2606:4700::1111')).toBeUndefined();
  });

  it('refuses host names of the machine itself and of metadata services', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'api.localhost', 'metadata.google.internal', 'instance-data']) expect(isBlockedHostName(host)).toBe(true);
    expect(isBlockedHostName('hooks.example.com')).toBe(false);
  });
});
