import { CreateModelMixin, DestroyModelMixin, ListModelMixin, RetrieveModelMixin, UpdateModelMixin } from "./mixins/index.js";
import { GenericViewSet } from "./viewset.js";

/** The routes' action tables (DRF's `SimpleRouter` routes). */
export const LIST_ACTIONS = { get: "list", post: "create" } as const;
export const DETAIL_ACTIONS = { get: "retrieve", put: "update", patch: "partialUpdate", delete: "destroy" } as const;

/** Full CRUD on a model: five mixins on a generic viewset (DRF's `ModelViewSet`). */
export class ModelViewSet extends CreateModelMixin(
  RetrieveModelMixin(UpdateModelMixin(DestroyModelMixin(ListModelMixin(GenericViewSet)))),
) {}

/** Read-only: list and retrieve (DRF's `ReadOnlyModelViewSet`). */
export class ReadOnlyModelViewSet extends RetrieveModelMixin(ListModelMixin(GenericViewSet)) {}
