import { requirePageUser } from '@/auth/session';
import { hrefWith, type SearchParamsInput } from '@/lib/dashboard/search-params';
import { parsePageQuery } from '@/lib/dashboard/validation';

type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The start of every chart page: a session (else to sign-in, coming back to this very view), then the
 * URL read by `parse` — or the message saying which parameter is wrong.
 */
export async function readPageQuery<T>(pathname: string, searchParams: PageSearchParams, parse: (params: SearchParamsInput, now: Date) => T) {
  const params = await searchParams;
  await requirePageUser(hrefWith(pathname, params, {}));
  return { params, ...parsePageQuery(() => parse(params, new Date())) };
}
