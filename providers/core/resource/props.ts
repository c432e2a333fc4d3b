import type { KindModel } from "./model";
import type { Props } from "./wire";

/** The properties without the engine's own `__` keys (`__provider`). */
export const strip = (props: Props): Props =>
  Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => !k.startsWith("__")));

/**
 * Registers the secrets of what an operation received (inputs, and old outputs from state) before any request,
 * so appliance text that echoes one is redacted: a previous value exists only in state. Returns the first.
 */
export function registerKnown(model: KindModel, props: Props, ...more: Props[]): Props {
  for (const p of [props, ...more]) model.form.registerSecrets(p);
  return props;
}
