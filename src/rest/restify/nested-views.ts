import type { ModelClass, QuerySet } from "../../index.js";
import { NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { CreateModelMixin, DestroyModelMixin, ListModelMixin, RetrieveModelMixin, UpdateModelMixin } from "../views/mixins/index.js";
import { GenericViewSet } from "../views/viewset.js";

/**
 * Children of one parent object (`/polls/question/1/choices/`): the child queryset narrowed to
 * the parent named by `<parent_pk>`; 404 when the parent does not exist.
 */
export class NestedViewSet extends GenericViewSet {
  parentModel!: ModelClass;
  /** The child model's foreign key (name and column attribute) pointing at the parent. */
  parentLookup!: string;
  parentAttname!: string;
  #parentKey: unknown;

  override async dispatch(request: RestRequest): Promise<RestResponse> {
    this.#parentKey = undefined;
    return super.dispatch(request);
  }

  /** The parent's key, checked to exist (once per request). */
  async parentKey(): Promise<unknown> {
    if (this.#parentKey !== undefined) return this.#parentKey;
    const key = this.parseKey(this.request.params.parent_pk, this.parentModel);
    if (!(await this.parentModel.objects.filter({ pk: key }).exists())) throw new NotFound();
    return (this.#parentKey = key);
  }

  override getQueryset(): QuerySet<any> {
    if (this.#parentKey === undefined) throw new Error("NestedViewSet: call parentKey() before getQueryset().");
    return super.getQueryset().filter({ [this.parentAttname]: this.#parentKey });
  }

  override fixedValues(): Record<string, unknown> {
    return { [this.parentLookup]: this.#parentKey };
  }
}

/** GET-only list of a reverse foreign key (`/polls/question/1/choices/`). */
export class OneToManyListView extends ListModelMixin(NestedViewSet) {
  override async list(request: RestRequest): Promise<RestResponse> {
    await this.parentKey();
    return super.list(request);
  }
}

/** List and create rows of a many-to-many through table for one parent (`/edu/student/1/course_set/`). */
export class ManyToManyListView extends CreateModelMixin(ListModelMixin(NestedViewSet)) {
  override async list(request: RestRequest): Promise<RestResponse> {
    await this.parentKey();
    return super.list(request);
  }

  override async create(request: RestRequest): Promise<RestResponse> {
    await this.parentKey();
    return super.create(request);
  }
}

/** Retrieve, update and delete one through row of a parent (`/edu/student/1/course_set/3/`). */
export class ManyToManyDetailView extends RetrieveModelMixin(UpdateModelMixin(DestroyModelMixin(NestedViewSet))) {
  override async getObject() {
    await this.parentKey();
    return super.getObject();
  }
}
