/** A page's `searchParams` or a request's URLSearchParams, read the same way: the first value of a key. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function firstParam(params: SearchParamsInput, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function toSearchParams(params: SearchParamsInput): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const result = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) result.append(key, v);
  }
  return result;
}

/**
 * The link to `pathname` with the current query changed: a key set to undefined or '' is dropped, so
 * URLs stay short and every state of a page has one shareable URL. `cursor` (a page of the explorer)
 * always goes when anything else changes.
 */
export function hrefWith(pathname: string, current: SearchParamsInput, changes: Record<string, string | undefined>): string {
  const params = toSearchParams(current);
  if (!('cursor' in changes)) params.delete('cursor');
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The query as a plain object, the form a client component can receive. */
export const plainParams = (params: SearchParamsInput): Record<string, string> => Object.fromEntries(toSearchParams(params));
