import type { Lifecycle } from "./lifecycle";
import type { KindModel } from "./model";

/** Every resource kind defined in this process, by `<vendor>:<Name>`: its interpreted model and its lifecycle. */
export const models = new Map<string, KindModel>();
export const lifecycles = new Map<string, Lifecycle>();
