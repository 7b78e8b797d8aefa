// The article's secured route: getServerSession(authOptions) in a route handler.
// Only the import changed: the options come from the private _lib folder (see _lib/auth-options.ts).
// The article also logs the whole session; that line is left out so users' emails stay out of logs.
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../_lib/auth-options';

export async function GET(request: Request) {
  const session = await getServerSession(authOptions);
  if (session) {
    // Signed in
    return new Response('Welcome authenticated user', {
      status: 200,
    });
  } else {
    // Not Signed in
    return new Response('Unauthorized access detected', {
      status: 401,
    });
  }
}
