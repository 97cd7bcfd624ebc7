export { ListModelMixin } from "./list.js";
export { CreateModelMixin } from "./create.js";
export { RetrieveModelMixin } from "./retrieve.js";
export { UpdateModelMixin } from "./update.js";
export { DestroyModelMixin } from "./destroy.js";
export type { ViewClass } from "./types.js";
