/** Hexio error bodies: `ApiError` {timestamp, status, error, message} with the strings the seed shows. */
import type { EmulatorResponse } from "../common";

export function apiError(status: number, error: string, message?: string): EmulatorResponse {
  return {
    status,
    body: { timestamp: new Date().toISOString(), status, error, ...(message === undefined ? {} : { message }) },
  };
}

export const validationError = (message: string) => apiError(400, "Validation error", message);
export const constraintViolation = (message: string) => apiError(400, "Constraint violation error", message);
export const accessDenied = () =>
  apiError(403, "Access denied.", "You have insufficient permissions to access this endpoint.");
export const limitExceeded = (message = "You have exceeded resources limitation.") =>
  apiError(403, "Limit exceeded.", message);
export const notFound = (message = "Resource was not found.") => apiError(404, "Not found", message);
export const unauthorized = (message: string) => apiError(401, "Unauthorized", message);
export const notImplemented = () => apiError(501, "Not implemented", "This endpoint is not implemented.");
