export * as kentix from "./kentix";
export * as sinema from "./sinema";
export * as hexio from "./hexio";
export * as primis from "./primis";
export * as rhombus from "./rhombus";
export { ApiError, ConfigError, ConflictError, FacilityError, TlsError, TransportError } from "./core/errors";
export { credentialKeys } from "./core/credentials";
