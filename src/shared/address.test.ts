import { describe, expect, it } from 'vitest';
import { isPublicAddress, looksPublicHost } from './address.js';

describe('isPublicAddress', () => {
  it.each([
    ['93.184.216.34', true], ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false], ['::1', false], ['::ffff:7f00:1', false], ['::ffff:127.0.0.1', false], ['0:0:0:0:0:ffff:127.0.0.1', false],
    ['10.1.2.3', false], ['172.16.0.1', false], ['192.168.1.1', false], ['169.254.169.254', false], ['100.64.0.1', false],
    ['0.0.0.0', false], ['::', false], ['fd00::1', false], ['fe80::1', false], ['224.0.0.1', false], ['255.255.255.255', false],
    ['::ffff:10.0.0.1', false], ['::ffff:93.184.216.34', true], ['not an address', false],
  ])('%s is public: %s', (address, expected) => expect(isPublicAddress(address)).toBe(expected));
});

describe('looksPublicHost', () => {
  it.each([
    ['feeds.example.com', true], ['rsshub.app', true], ['93.184.216.34', true],
    ['rsshub', false], ['rsshub.internal', false], ['nas.local', false], ['router.home.arpa', false], ['box.lan', false],
    ['localhost', false], ['api.localhost', false], ['127.0.0.1', false], ['[::1]', false], ['10.0.0.8', false], ['', false],
  ])('%s looks public: %s', (host, expected) => expect(looksPublicHost(host)).toBe(expected));
});
