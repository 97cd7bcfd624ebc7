import { provideModelServices } from "./model/services.js";
import { deleteInstance } from "./model/delete-instance.js";
import { refreshFromDb, saveInstance } from "./model/persistence.js";
import { fullClean } from "./model/validation.js";
import { managerFor } from "./query/manager-for.js";
import { provideAccessorInstallers } from "./relations/accessor-hooks.js";
import { defineManyToManyAccessor, defineReverseAccessor } from "./relations/accessors/reverse-install.js";

/**
 * Wires the ORM's layers together, once, before any model is declared (the entry point imports
 * this first). Lower layers (models, relation fields) only know the interfaces they are given
 * here, so the runtime import graph has no cycle and every module loads on its own.
 */
provideModelServices({
  manager: managerFor,
  save: saveInstance,
  delete: deleteInstance,
  fullClean,
  refreshFromDb,
});

provideAccessorInstallers({
  reverse: defineReverseAccessor,
  manyToMany: defineManyToManyAccessor,
});
