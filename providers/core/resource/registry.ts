import type { Lifecycle } from "./lifecycle";

/** Every resource kind defined in this process, by `<vendor>:<Name>`. */
export const lifecycles = new Map<string, Lifecycle>();
