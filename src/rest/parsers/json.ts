import { message } from "../errors/catalogue.js";
import { ParseError } from "../errors/exceptions.js";
import { dataOnly, decodeText, type Parser } from "./parser.js";

/** `application/json` bodies (DRF's `JSONParser`); errors read `JSON parse error - <reason>`. */
export const JSONParser: Parser = {
  mediaType: "application/json",
  parse(body, { mediaType }) {
    try {
      return dataOnly(JSON.parse(decodeText(body, mediaType)));
    } catch (error) {
      throw new ParseError(message("json_parse_error", { reason: (error as Error).message }), "parse_error");
    }
  },
};
