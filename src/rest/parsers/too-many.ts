import { APIException } from "../errors/exceptions.js";
import type { ErrorCode } from "../errors/catalogue.js";

/** Django's TooManyFieldsSent: more form or multipart fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (400). */
export class TooManyFieldsSent extends APIException {
  static override defaultCode: ErrorCode = "too_many_fields";
}

/** Django's TooManyFilesSent: more multipart files than DATA_UPLOAD_MAX_NUMBER_FILES (400). */
export class TooManyFilesSent extends APIException {
  static override defaultCode: ErrorCode = "too_many_files";
}
