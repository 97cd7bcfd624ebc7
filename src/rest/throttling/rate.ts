import { ImproperlyConfigured } from "../errors/improperly-configured.js";

/** A parsed rate: `requests` per `duration` seconds. */
export interface Rate {
  readonly requests: number;
  readonly duration: number;
}

const PERIODS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses DRF's rate strings: `"100/day"`, `"5/min"`, `"1/s"` (only the first letter of the
 * period counts: s, m, h, d).
 */
export function parseRate(text: string): Rate {
  const match = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/i.exec(text);
  const duration = match ? PERIODS[(match[2] as string)[0]!.toLowerCase()] : undefined;
  if (!match || duration === undefined) {
    throw new ImproperlyConfigured(
      `Invalid throttle rate "${text}": use "<number>/<period>" with a period of ` +
        `second, minute, hour or day, e.g. "100/day".`,
    );
  }
  return { requests: Number(match[1]), duration };
}
