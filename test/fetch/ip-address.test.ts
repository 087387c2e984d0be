import { describe, expect, it } from 'vitest';
import { classifyAddress, parseIpAddress } from '../../src/core/ip-address.js';

describe('parseIpAddress', () => {
  it('reads IPv4, IPv6 with ::, zone ids and embedded dotted quads', () => {
    expect(parseIpAddress('192.168.1.20')).toEqual([192, 168, 1, 20]);
    expect(parseIpAddress('::1')).toEqual([...new Array(15).fill(0), 1]);
    expect(parseIpAddress('[fe80::1%eth0]')?.slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(parseIpAddress('::ffff:10.1.2.3')?.slice(10)).toEqual([0xff, 0xff, 10, 1, 2, 3]);
  });
  it('rejects malformed literals', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '1::2::3', '12345::', 'example.com', '1:2:3:4:5:6:7:8:9', '']) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });
});

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['151.101.1.69', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['not an ip', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it('judges IPv6 forms that carry an IPv4 address by that address', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('metadata');
    expect(classifyAddress('64:ff9b::10.0.0.1')).toBe('private');
    expect(classifyAddress('2002:c0a8:0101::1')).toBe('private');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
    expect(classifyAddress('::ffff:0:127.0.0.1')).toBe('loopback'); // IPv4-translated (SIIT)
    expect(classifyAddress('::ffff:0:a9fe:a9fe')).toBe('metadata');
    expect(classifyAddress('2002:a9fe:a9fe::1')).toBe('metadata'); // 6to4 of the metadata address
  });

  it('refuses translation and tunnel prefixes whose IPv4 side cannot be judged', () => {
    expect(classifyAddress('64:ff9b:1::10.0.0.1')).toBe('reserved'); // local-use NAT64 (RFC 8215)
    expect(classifyAddress('64:ff9b:1:ffff::1')).toBe('reserved');
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toBe('reserved'); // Teredo
  });
});
