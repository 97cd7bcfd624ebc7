import { message } from "../errors/catalogue.js";
import { ParseError } from "../errors/exceptions.js";
import { QueryDict } from "../http/query-dict.js";
import { checkMultipartParts, DEFAULT_PARSER_LIMITS } from "./limits.js";
import type { Parser } from "./parser.js";

/**
 * `multipart/form-data` bodies (DRF's `MultiPartParser`). Parsing is delegated to the
 * platform's Fetch `Request#formData()` (undici in Node), never hand-rolled. `data` holds the
 * fields and the files, `files` only the files (`File` objects), as in DRF.
 */
export const MultiPartParser: Parser = {
  mediaType: "multipart/form-data",
  async parse(body, { contentType, mediaType, limits = DEFAULT_PARSER_LIMITS }) {
    // Counted before parsing: building 20,000 parts holds the event loop for a second.
    checkMultipartParts(body, mediaType.params.boundary, limits);
    let form: FormData;
    try {
      const request = new Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: body as Uint8Array<ArrayBuffer>,
      });
      form = await request.formData();
    } catch (error) {
      const reason = (error as Error).message;
      throw new ParseError(message("form_parse_error", { reason }), "parse_error");
    }
    const data = new QueryDict<string | File>();
    const files = new QueryDict<File>();
    form.forEach((value, key) => {
      data.append(key, value);
      if (typeof value !== "string") files.append(key, value);
    });
    return { data, files };
  },
};
