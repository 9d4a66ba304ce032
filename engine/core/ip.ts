/** IPv4 arithmetic on plain numbers and dotted strings; the engine models IPv4 only. */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
}

/** Dotted quad to number; null for anything else (no leading zeros, octets up to 255). Hot: no regex. */
export function parseIp(text: string): number | null {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return n * 256 + octet;
}

export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

export function formatIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses "a.b.c.d/p". `strict` rejects host bits (neutron normalises instead; callers choose). */
export function parseCidr(text: string): { address: number; prefix: number } | null {
  const slash = text.indexOf('/');
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (addr === null) return null;
  let prefix = 32;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,2}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > 32) return null;
  }
  return { address: addr, prefix };
}

export function networkOf(address: number, prefix: number): number {
  return (address & maskOf(prefix)) >>> 0;
}

export function broadcastOf(address: number, prefix: number): number {
  return (networkOf(address, prefix) | (~maskOf(prefix) >>> 0)) >>> 0;
}

export function cidrString(network: number, prefix: number): string {
  return `${formatIp(network)}/${prefix}`;
}

export function inCidr(address: number, network: number, prefix: number): boolean {
  return networkOf(address, prefix) === networkOf(network, prefix);
}

/** Parses a CIDR like "192.0.2.0/24" into its normalised network and prefix. */
export function cidrParts(cidr: string): Cidr {
  const c = parseCidr(cidr);
  if (!c) throw new Error(`invalid CIDR ${cidr}`);
  return { network: networkOf(c.address, c.prefix), prefix: c.prefix };
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const a = parseIp(ip);
  if (a === null) return false;
  const c = cidrParts(cidr);
  return inCidr(a, c.network, c.prefix);
}

export function netmaskString(prefix: number): string {
  return formatIp(maskOf(prefix));
}

export function compareIp(a: string, b: string): number {
  return (parseIp(a) ?? 0) - (parseIp(b) ?? 0);
}

/** IPv6 link-local address (EUI-64) the kernel derives from a MAC, as `ip addr` prints it. */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 0x02;
  const words = [
    (b[0]! << 8) | b[1]!,
    (b[2]! << 8) | 0xff,
    (0xfe << 8) | b[3]!,
    (b[4]! << 8) | b[5]!,
  ];
  // RFC 5952: a leading zero word joins the "::" run after fe80.
  while (words[0] === 0) words.shift();
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

/** "255.255.255.0" -> 24 */
export function prefixFromNetmask(mask: string): number {
  const n = parseIp(mask) ?? 0;
  let bits = 0;
  for (let i = 31; i >= 0 && (n >>> i) & 1; i--) bits++;
  return bits;
}
