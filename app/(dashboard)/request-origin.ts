import { headers } from 'next/headers';
import { ownOrigin } from '@/auth/access';

/** The origin the browser reached this page at (for examples to copy), or undefined when the request does not say. */
export async function requestOrigin(): Promise<string | undefined> {
  return ownOrigin(await headers()) ?? undefined;
}
