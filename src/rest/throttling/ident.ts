import type { RestRequest } from "../http/request.js";

/**
 * Identifies the client machine (DRF's `get_ident`). X-Forwarded-For is written by whoever
 * sends the request, so it is trusted only as far as the settings say proxies sit in front:
 *
 * - `numProxies` (DRF's NUM_PROXIES): the address that many hops back in X-Forwarded-For
 *   (0: the socket address);
 * - `trustedProxies`: when the socket address is one of them, the right-most forwarded
 *   address that is not;
 * - neither (the default): the socket address, whatever the header says. DRF trusts the whole
 *   header here, which lets a client pick its own throttle key by sending one.
 */
export function clientIdent(request: RestRequest): string {
  const remote = request.remoteAddress ?? "";
  const { numProxies, trustedProxies } = request.settings;
  if (numProxies === undefined && !trustedProxies?.length) return remote;
  const forwarded = request.header("x-forwarded-for");
  if (forwarded === undefined) return remote;
  const addresses = forwarded.split(",").map((a) => a.trim()).filter(Boolean);
  if (numProxies !== undefined) {
    if (numProxies === 0 || addresses.length === 0) return remote;
    return addresses[addresses.length - Math.min(numProxies, addresses.length)] as string;
  }
  const trusted = new Set(trustedProxies);
  if (!trusted.has(remote)) return remote;
  for (let i = addresses.length - 1; i >= 0; i--) {
    if (!trusted.has(addresses[i] as string)) return addresses[i] as string;
  }
  return addresses[0] ?? remote;
}
