import { ParseError } from "../errors/exceptions.js";
import { QueryDict } from "../http/query-dict.js";
import { checkFormFields, DEFAULT_PARSER_LIMITS } from "./limits.js";
import { dataOnly, decodeText, type Parser } from "./parser.js";

/** `application/x-www-form-urlencoded` bodies into a `QueryDict` (DRF's `FormParser`). */
export const FormParser: Parser = {
  mediaType: "application/x-www-form-urlencoded",
  parse(body, { mediaType, limits = DEFAULT_PARSER_LIMITS }) {
    let text: string;
    try {
      text = decodeText(body, mediaType);
    } catch (error) {
      throw new ParseError(`Form parse error - ${(error as Error).message}`, "parse_error");
    }
    checkFormFields(text, limits);
    return dataOnly(QueryDict.fromSearchParams(new URLSearchParams(text)));
  },
};
