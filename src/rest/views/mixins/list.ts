import type { RestRequest } from "../../http/request.js";
import { RestResponse } from "../../http/response.js";
import type { ViewClass } from "./types.js";

/** `list`: the filtered queryset, paginated when the paginator says so (DRF's `ListModelMixin`). */
export function ListModelMixin<B extends ViewClass>(Base: B) {
  abstract class ListModel extends Base {
    async list(request: RestRequest): Promise<RestResponse> {
      const { queryset } = await this.filterQueryset(this.defaultOrdering(this.getQueryset()));
      const paginator = this.getPaginator();
      const page = paginator ? await paginator.paginate(request, queryset, this) : null;
      if (page) return paginator!.response(request, page, await this.render(page.items));
      return new RestResponse(await this.render(await queryset));
    }
  }
  return ListModel;
}
