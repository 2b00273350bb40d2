import { rateLimitedAddress } from './rate-limited-address';

describe('rateLimitedAddress', () => {
  it('counts an IPv4 address as it is', () => {
    expect(rateLimitedAddress('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const subnet = '2001:db8:1:2::/64';
    for (const ip of ['2001:db8:1:2::5', '2001:0db8:0001:0002:abcd:ef01:2345:6789', '2001:DB8:1:2:0:0:0:1', '2001:db8:1:2::1.2.3.4', '2001:db8:1:2::9%eth0']) {
      expect(rateLimitedAddress(ip)).toBe(subnet);
    }
    expect(rateLimitedAddress('2001:db8:1:3::5')).toBe('2001:db8:1:3::/64');
    expect(rateLimitedAddress('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitedAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(rateLimitedAddress('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(rateLimitedAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitedAddress('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('leaves what is not an address alone', () => {
    expect(rateLimitedAddress('unknown')).toBe('unknown');
  });
});
