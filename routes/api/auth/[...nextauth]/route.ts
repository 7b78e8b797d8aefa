// next-auth v4 in an App Router route file, exactly as in Next: it answers everything under
// /api/auth (sign-in page, csrf, callbacks, session, sign-out) when AUTH_PROVIDER=next-auth.
// With AUTH_PROVIDER=authjs, Auth.js owns /api/auth instead and this file never runs.
import NextAuth from 'next-auth';
import { authOptions } from '../../_lib/auth-options';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
