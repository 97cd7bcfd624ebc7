export { type Throttle, type ThrottleDecision, type RateThrottleOptions, RateThrottle } from "./throttle.js";
export { AnonRateThrottle, UserRateThrottle, ScopedRateThrottle } from "./builtins.js";
export { type ThrottleStore, type ThrottleHit, type HitOptions, MemoryThrottleStore } from "./store.js";
export { RedisThrottleStore, type RedisThrottleStoreOptions, type RedisClientLike } from "./redis-store.js";
export { parseRate, type Rate } from "./rate.js";
export { clientIdent } from "./ident.js";
