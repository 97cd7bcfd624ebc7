export { Versioning, type VersioningOptions } from "./versioning.js";
export { AcceptHeaderVersioning, URLPathVersioning, NamespaceVersioning, HostNameVersioning, QueryParameterVersioning } from "./schemes.js";
