import type { RestRequest } from "../http/request.js";

/**
 * Identifies the client machine (DRF's `get_ident`). With `numProxies` set, the address that
 * many hops back in X-Forwarded-For (0: the socket address); unset, the whole
 * X-Forwarded-For header when present (DRF's default; trust it only behind a proxy).
 */
export function clientIdent(request: RestRequest): string {
  const remote = request.remoteAddress ?? "";
  const forwarded = request.header("x-forwarded-for");
  const numProxies = request.settings.numProxies;
  if (numProxies !== undefined) {
    if (numProxies === 0 || forwarded === undefined) return remote;
    const addresses = forwarded.split(",");
    return (addresses[addresses.length - Math.min(numProxies, addresses.length)] as string).trim();
  }
  return forwarded !== undefined ? forwarded.replace(/\s+/g, "") : remote;
}
