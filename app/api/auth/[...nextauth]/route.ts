import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/auth/options';
import { readBodyText } from '@/lib/http/parse';
import { handle } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** Sign-in forms and next-auth's own posts are a few hundred bytes; anything past this is refused unread (413). */
const AUTH_BODY_LIMIT = 16 * 1024;

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth reads a POST body whole, however large, and before anyone is signed in: the body is
 * read here first, at most AUTH_BODY_LIMIT bytes of it, and handed on as text.
 */
async function POST(request: NextRequest, context: Context): Promise<Response> {
  return handle(async () => {
    const { text } = await readBodyText(request, AUTH_BODY_LIMIT);
    return nextAuth(new NextRequest(request.url, { method: 'POST', headers: request.headers, body: text }), context);
  });
}

export { nextAuth as GET, POST };
