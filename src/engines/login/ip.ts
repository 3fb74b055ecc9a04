// Source addresses as they appear in auth logs: IPv4, IPv6, IPv4-mapped IPv6 (`::ffff:1.2.3.4`)
// or a host name when sshd runs with UseDNS. Pure helpers, no lookups.

/**
 * Dotted-quad IPv4 as the regex /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:…)){3}$/ has it (a two-digit
 * part may start with 0, a three-digit one may not), read by hand: every address of every auth
 * log line goes through here.
 */
function isIPv4(text: string): boolean {
  const length = text.length;
  if (length < 7 || length > 15) return false;
  let parts = 0;
  let at = 0;
  for (;;) {
    const start = at;
    let value = 0;
    for (; at < length; at++) {
      const d = text.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    const digits = at - start;
    if (digits === 0 || digits > 3 || (digits === 3 && (text.charCodeAt(start) === 48 || value > 255))) return false;
    parts++;
    if (at === length) return parts === 4;
    if (parts === 4 || text.charCodeAt(at) !== 46 /* . */) return false;
    at++;
  }
}

/** 4, 6 or 0 like node:net's isIP, which engines may not import (they do no I/O). */
export function isIP(text: string): 0 | 4 | 6 {
  if (!text.includes(':')) {
    // Only digits and dots can be IPv4; anything else is a host name (no regex needed).
    const c = text.charCodeAt(0);
    return c >= 48 && c <= 57 && isIPv4(text) ? 4 : 0;
  }
  return isIPv6(text) ? 6 : 0;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Groups of 1 to 4 hex digits separated by ":" in text[from, to): how many, or -1. */
function hexGroups(text: string, from: number, to: number): number {
  if (from === to) return 0;
  let groups = 0;
  let digits = 0;
  for (let at = from; at < to; at++) {
    const c = text.charCodeAt(at);
    if (c === 58 /* : */) {
      if (digits === 0) return -1;
      groups++;
      digits = 0;
    } else if (isHex(c) && digits < 4) digits++;
    else return -1;
  }
  return digits === 0 ? -1 : groups + 1;
}

/** "1.2.3.4" in shape: four runs of digits, three dots (the value is isIPv4's to judge). */
function dottedDigits(text: string): boolean {
  let dots = 0;
  let digits = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
    } else if (c >= 48 && c <= 57) digits++;
    else return false;
  }
  return dots === 3 && digits > 0;
}

/**
 * IPv6 with "::" at most once and an optional dotted IPv4 tail, read by hand: the regex, split
 * and every() it replaced took ten times an IPv4 check, and attack logs are full of IPv6 peers.
 */
function isIPv6(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (!isHex(c) && c !== 58 && c !== 46) return false;
  }
  let body = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (dottedDigits(tail)) {
    if (!isIPv4(tail)) return false;
    // The IPv4 tail stands for two groups.
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const gap = body.indexOf('::');
  if (gap < 0) return hexGroups(body, 0, body.length) === 8;
  if (body.indexOf('::', gap + 2) >= 0) return false;
  const left = hexGroups(body, 0, gap);
  const right = hexGroups(body, gap + 2, body.length);
  return left >= 0 && right >= 0 && left + right <= 7;
}

/** `::ffff:1.2.3.4` is the IPv4 peer of a dual-stack socket: report it as `1.2.3.4`. */
export function normalizeAddress(raw: string): string {
  if (!raw.includes(':')) return raw; // IPv4 or a host name: nothing to normalise
  const lower = raw.toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7);
  return isIP(raw) === 6 ? lower : raw;
}

const hostName = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,252})$/;

/** True for an address or a plausible DNS name (what sshd prints when UseDNS is on). */
export function isHostLike(raw: string): boolean {
  return isIP(raw) !== 0 || (hostName.test(raw) && /[A-Za-z0-9]$/.test(raw));
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** The address as a number and its width in bits, or null for a host name. */
export function addressBits(address: string): { value: bigint; bits: 32 | 128 } | null {
  const family = isIP(address);
  if (family === 4) return { value: ipv4ToBigInt(address), bits: 32 };
  if (family === 6) return { value: ipv6ToBigInt(address), bits: 128 };
  return null;
}

/** Whether `address` falls inside `cidr` ("10.0.0.0/8", "2001:db8::/32"). */
export function inCidr(address: string, cidr: string): boolean {
  const slash = cidr.lastIndexOf('/');
  const net = addressBits(normalizeAddress(cidr.slice(0, slash)));
  const ip = addressBits(normalizeAddress(address));
  const prefix = Number(cidr.slice(slash + 1));
  if (!net || !ip || net.bits !== ip.bits || prefix > ip.bits) return false;
  const shift = BigInt(ip.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}

/** The /24 (IPv4) or /48 (IPv6) network of an address: the fallback "location" without GeoIP. */
export function networkOf(address: string): string {
  const ip = addressBits(address);
  if (!ip) return address.toLowerCase();
  const prefix = ip.bits === 32 ? 24 : 48;
  const shift = BigInt(ip.bits - prefix);
  const base = (ip.value >> shift) << shift;
  if (ip.bits === 32) {
    return `${[24n, 16n, 8n, 0n].map((s) => ((base >> s) & 255n).toString()).join('.')}/24`;
  }
  const hextets = [112n, 96n, 80n].map((s) => ((base >> s) & 0xffffn).toString(16));
  return `${hextets.join(':')}::/48`;
}
