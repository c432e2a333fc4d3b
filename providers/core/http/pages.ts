import { expandRoute, type Params, type Send } from "./route";

/**
 * Every item of a paged collection: reads the first page, then follows each page's `next` link until there is
 * none (the HTTP client refuses links to another origin). `page` says where a vendor keeps items and link.
 */
export async function followPages<T>(
  first: string,
  get: (path: string) => Promise<unknown>,
  page: (body: unknown) => { items: T[]; next?: string | null },
  maxPages = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | null | undefined = first;
  for (let n = 0; next && n < maxPages; n++) {
    const current = page(await get(next));
    items.push(...current.items);
    next = current.next;
  }
  return items;
}

/** A session's `list` for link-paged collections: GET the route's first page, then follow the `next` links. */
export const listVia =
  <T>(send: Send, page: (body: unknown) => { items: T[]; next?: string | null }) =>
  (route: string, params?: Params): Promise<T[]> =>
    followPages(expandRoute(route, params).path, (path) => send("GET", path), page);
