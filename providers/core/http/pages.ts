import { malformedAnswer } from "../errors";
import { expandRoute, type Params, type Send } from "./route";

/** Where a vendor keeps a page's items and its link to the next page; undefined when a body is not a page at all. */
export type PageOf<T> = (body: unknown) => { items: T[]; next?: string | null } | undefined;

/**
 * Every item of a paged collection: reads the first page, then follows each page's `next` link until there is
 * none (the HTTP client refuses links to another origin). `page` says where a vendor keeps items and link; an
 * answer that is not a page (HTML, an error envelope, nothing) is an error, never an empty collection. `stop`
 * ends the paging after the first page it accepts (a lookup that has found what it looks for).
 */
export async function followPages<T>(
  vendor: string,
  first: string,
  get: (path: string) => Promise<unknown>,
  page: PageOf<T>,
  maxPages = 1000,
  stop?: (items: T[]) => boolean,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | null | undefined = first;
  for (let n = 0; next && n < maxPages; n++) {
    const body = await get(next);
    const current = page(body);
    if (!current || !Array.isArray(current.items) || current.items.some((item) => !item || typeof item !== "object")) {
      throw malformedAnswer(vendor, "GET", next, body, `a ${vendor} listing`);
    }
    items.push(...current.items);
    next = stop?.(current.items) ? undefined : current.next;
  }
  return items;
}

/** A session's `list` for link-paged collections: GET the route's first page, then follow the `next` links. */
export const listVia =
  <T>(vendor: string, send: Send, page: PageOf<T>) =>
  (route: string, params?: Params): Promise<T[]> =>
    followPages(vendor, expandRoute(route, params).path, (path) => send("GET", path), page);

/**
 * A session's `lookUp` for link-paged collections without a filter: pages until the first page that holds the key
 * (the caller's `holds`), so a lookup costs the pages up to the object, not the whole collection.
 */
export const lookUpVia =
  <T>(vendor: string, send: Send, page: PageOf<T>) =>
  (route: string, params: Params, _key: unknown, holds: (items: T[]) => boolean): Promise<T[]> =>
    followPages(vendor, expandRoute(route, params).path, (path) => send("GET", path), page, 1000, holds);
