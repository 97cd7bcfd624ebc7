import { message } from "../errors/catalogue.js";
import { ParseError } from "../errors/exceptions.js";
import { DEFAULT_PARSER_LIMITS, jsonShapeProblem } from "./limits.js";
import { dataOnly, decodeText, type Parser } from "./parser.js";

/** `application/json` bodies (DRF's `JSONParser`); errors read `JSON parse error - <reason>`. */
export const JSONParser: Parser = {
  mediaType: "application/json",
  parse(body, { mediaType, limits = DEFAULT_PARSER_LIMITS }) {
    let text: string;
    try {
      text = decodeText(body, mediaType);
    } catch (error) {
      throw new ParseError(message("json_parse_error", { reason: (error as Error).message }), "parse_error");
    }
    // Checked on the text first: JSON.parse of a deep or huge document holds the event loop.
    const problem = jsonShapeProblem(text, limits);
    if (problem) throw new ParseError(message("json_parse_error", { reason: problem }), "parse_error");
    try {
      return dataOnly(JSON.parse(text));
    } catch (error) {
      throw new ParseError(message("json_parse_error", { reason: (error as Error).message }), "parse_error");
    }
  },
};
