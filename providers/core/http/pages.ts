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
