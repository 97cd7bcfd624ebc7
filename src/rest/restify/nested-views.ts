import type { ModelClass, QuerySet } from "../../index.js";
import { NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Permission } from "../permissions/permission.js";
import { RestResponse } from "../http/response.js";
import { CreateModelMixin, DestroyModelMixin, ListModelMixin, RetrieveModelMixin, UpdateModelMixin } from "../views/mixins/index.js";
import type { ModelInstance } from "../views/generic-api-view.js";
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
  /**
   * The parent model's permission classes: checked first, against the parent model (so model
   * permissions ask for `view_question1` on `/question1/1/choices/`), then the view's own.
   */
  parentPermissions?: readonly Permission[];
  /** Set while the parent's permissions run: model permissions read it instead of `model`. */
  permissionModel?: ModelClass;
  #parentKey: unknown;

  override async checkPermissions(request: RestRequest): Promise<void> {
    if (this.parentPermissions) {
      this.permissionModel = this.parentModel;
      try {
        for (const permission of this.parentPermissions) {
          if (!(await permission.hasPermission(request, this))) this.permissionDenied(request, permission.message, permission.code);
        }
      } finally {
        this.permissionModel = undefined;
      }
    }
    await super.checkPermissions(request);
  }

  /** The parent's key, checked to exist (once per request). */
  async parentKey(): Promise<unknown> {
    if (this.#parentKey !== undefined) return this.#parentKey;
    const key = this.parseKey(this.request.params.parent_pk, this.parentModel);
    const objectChecks = (this.parentPermissions ?? []).filter((p) => p.hasObjectPermission);
    if (objectChecks.length === 0) {
      if (!(await this.parentModel.objects.filter({ pk: key }).exists())) throw new NotFound();
      return (this.#parentKey = key);
    }
    // The parent's object permissions guard its nested routes (list and detail), asked about the parent.
    const parent = await this.parentModel.objects.filter({ pk: key }).first();
    if (!parent) throw new NotFound();
    this.permissionModel = this.parentModel;
    try {
      for (const permission of objectChecks) {
        if (!(await permission.hasObjectPermission?.(this.request, this, parent))) {
          this.permissionDenied(this.request, permission.message, permission.code);
        }
      }
    } finally {
      this.permissionModel = undefined;
    }
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

/**
 * For a symmetrical many-to-many to "self" (`friends`), the through-key column names: every row
 * (a, b) has its mirror (b, a), as Django's related manager keeps them.
 */
export interface SymmetricKeys {
  readonly from: string;
  readonly to: string;
}

/** Creates, moves or deletes the mirror of a through row of a symmetrical relation. */
async function mirror(view: NestedViewSet, keys: SymmetricKeys, row: ModelInstance, action: "add" | "remove"): Promise<void> {
  const a = row[keys.from];
  const b = row[keys.to];
  if (a === b) return;
  const mirrors = view.model.objects.filter({ [keys.from]: b, [keys.to]: a });
  if (action === "remove") await mirrors.delete();
  else if (!(await mirrors.exists())) await view.model.objects.create({ [keys.from]: b, [keys.to]: a });
}

/** List and create rows of a many-to-many through table for one parent (`/edu/student/1/course_set/`). */
export class ManyToManyListView extends CreateModelMixin(ListModelMixin(NestedViewSet)) {
  symmetric: SymmetricKeys | null = null;

  override async performCreate(validated: Record<string, unknown>): Promise<ModelInstance> {
    const row = await super.performCreate(validated);
    if (this.symmetric) await mirror(this, this.symmetric, row, "add");
    return row;
  }

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
  symmetric: SymmetricKeys | null = null;

  override async performUpdate(row: ModelInstance, validated: Record<string, unknown>): Promise<void> {
    if (this.symmetric) await mirror(this, this.symmetric, row, "remove");
    await super.performUpdate(row, validated);
    if (this.symmetric) await mirror(this, this.symmetric, row, "add");
  }

  override async performDestroy(row: ModelInstance): Promise<void> {
    if (this.symmetric) await mirror(this, this.symmetric, row, "remove");
    await super.performDestroy(row);
  }

  override async getObject() {
    await this.parentKey();
    return super.getObject();
  }
}
