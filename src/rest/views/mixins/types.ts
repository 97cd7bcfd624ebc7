import type { GenericAPIView } from "../generic-api-view.js";

/** A class constructor that builds a GenericAPIView (what the CRUD mixins extend). */
export type ViewClass<T extends GenericAPIView = GenericAPIView> = abstract new (...args: any[]) => T;
