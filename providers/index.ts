export * as kentix from "./kentix";
export * as sinema from "./sinema";
export * as hexio from "./hexio";
export * as primis from "./primis";
export * as rhombus from "./rhombus";
export {
  AcceptedWriteError,
  ApiError,
  CheckError,
  ConfigError,
  ConflictError,
  CredentialError,
  FacilityError,
  HttpError,
  isAcceptedWriteError,
  isCheckError,
  isConfigError,
  isConflictError,
  isCredentialError,
  isFacilityError,
  isHttpError,
  isPartialCreateError,
  isProviderBugError,
  isTlsError,
  isTransportError,
  PartialCreateError,
  ProviderBugError,
  TlsError,
  TransportError,
} from "./core/errors";
export { credentialKeys } from "./core/credentials";
