import { BlockList, isIP } from 'node:net';
import type Koa from 'koa';

/**
 * Which proxies may tell us the client's address (TRUST_PROXY; issue 13, finding 2). Koa's
 * `proxy: true` believed every X-Forwarded-For, so any client could pick the address the login
 * throttle keys on. Off by default: the socket's peer is the client.
 */
export type TrustProxy =
  | { kind: 'off' }
  /** this many proxies in front: the client is the entry that many hops from the right */
  | { kind: 'hops'; hops: number }
  /** proxies by address or CIDR: walk X-Forwarded-For from the right while the hop is one of them */
  | { kind: 'list'; list: BlockList };

const normalize = (address: string): string => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Parses TRUST_PROXY: `false`, a hop count, or comma-separated addresses/CIDRs; throws on a bad entry. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return { kind: 'off' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUST_PROXY: "${entry}" is not an address`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return { kind: 'list', list };
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address given the socket's peer and the X-Forwarded-For header. */
export function clientAddress(peer: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = normalize(peer);
  if (trust.kind === 'off' || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(',').map(normalize).filter(Boolean), socket];
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? socket;
  let address = chain.pop() ?? socket;
  while (chain.length > 0 && trusted(trust.list, address)) address = chain.pop() ?? address;
  return address;
}

/** Sets ctx.ip from the socket and, where TRUST_PROXY allows, X-Forwarded-For. */
export function applyTrustProxy(app: Koa, trust: TrustProxy): void {
  app.proxy = false;
  app.use(async (ctx, next) => {
    const header = ctx.get('X-Forwarded-For') || undefined;
    ctx.request.ip = clientAddress(ctx.req.socket.remoteAddress ?? '', header, trust);
    await next();
  });
}
