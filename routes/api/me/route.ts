// The signed-in user, through nextpress's auth(): the current request's session without passing
// `req` around, whichever library signs users in (AUTH_PROVIDER=next-auth or authjs).
import { auth } from 'nextpress/auth';

export async function GET() {
  const session = await auth();
  if (session === null) return Response.json({ signedIn: false });
  return Response.json({ signedIn: true, user: session.user ?? null, expires: session.expires });
}
