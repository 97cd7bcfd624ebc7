export { type Parser, type ParsedBody, type ParserContext, selectParser } from "./parser.js";
export { JSONParser } from "./json.js";
export { FormParser } from "./form.js";
export { MultiPartParser } from "./multipart.js";
export { type ParserLimits, DEFAULT_PARSER_LIMITS } from "./limits.js";
export { TooManyFieldsSent, TooManyFilesSent } from "./too-many.js";

import { FormParser } from "./form.js";
import { JSONParser } from "./json.js";
import { MultiPartParser } from "./multipart.js";

/** DRF's `DEFAULT_PARSER_CLASSES`. */
export const DEFAULT_PARSERS = [JSONParser, FormParser, MultiPartParser] as const;
