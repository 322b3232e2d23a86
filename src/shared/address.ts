import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is on the public internet. ipaddr.js reads every form the URL parser and the
 * resolver produce (`::ffff:7f00:1` is 127.0.0.1); anything but a public unicast address (loopback,
 * private, link-local, unique-local, carrier-grade NAT, multicast, reserved, 6to4 and other embeddings)
 * is not.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === 'unicast';
}

// Names that only a private network resolves: a single label (`intranet`), and the suffixes set aside for such use.
const PRIVATE_NAME = /(^[^.]+$)|\.(localhost|local|internal|intranet|lan|home|corp|private|home\.arpa)$/i;

/** Whether a host looks public without asking a resolver: an address literal by its range, a name by its form. */
export function looksPublicHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return ipaddr.isValid(h) ? isPublicAddress(h) : h !== '' && !PRIVATE_NAME.test(h);
}
