import type { ResourceSpec } from "./spec";

type Props = Record<string, unknown>;

/** How one object of a kind is read back. */
export type ReadStrategy =
  /** `GET …/{id}`: the object's own read route. */
  | { how: "get"; route: string }
  /** Read through a listing (no get-by-id): the item with the object's id, or the one `match` picks; absent = gone. */
  | { how: "list"; route: string; match?: (item: Props, inputs: Props) => boolean }
  /** The API cannot read it: `read` keeps the state as stored (create-only APIs). */
  | { how: "none" };

export function readStrategy(spec: ResourceSpec): ReadStrategy {
  const route = spec.routes.read;
  if (!route) return { how: "none" };
  const fromList = spec.readFromList;
  if (!fromList) return { how: "get", route };
  return typeof fromList === "function" ? { how: "list", route, match: fromList } : { how: "list", route };
}
