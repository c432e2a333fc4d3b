export * as kentix from "./kentix";
export { ApiError, ConfigError, ConflictError, FacilityError, TlsError, TransportError } from "./core/errors";
export { credentialKeys } from "./core/credentials";
