// next-auth's options, shared by the sign-in route (api/auth/[...nextauth]/route.ts) and every
// route that reads the session (api/session/route.ts).
//
// The article imports them with `import authOptions from "../auth/[...nextauth]"`: a pages-router
// habit. An App Router route file may export only HTTP methods and route config, so in Next and
// here alike the options live in a private `_lib` folder (never routable) that both routes import.
//
// Providers are enabled by the environment (docs/auth.md):
//   AUTH_GITHUB_ID + AUTH_GITHUB_SECRET   → "Sign in with GitHub"
//   AUTH_GOOGLE_ID + AUTH_GOOGLE_SECRET   → "Sign in with Google" (the article's provider)
//   AUTH_USERS_FILE                       → username + password, checked against the file's hashes
// The secret is read by next-auth itself from NEXTAUTH_SECRET or AUTH_SECRET.
import path from 'node:path';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
// nextpress's users file and password check (scrypt or bcrypt hashes); a Next app would bring its own.
import { authorizeCredentials, loadUsersFile } from 'nextpress/auth';

const env = process.env;
const providers: NextAuthOptions['providers'] = [];

if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
  providers.push(GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
}
if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
  providers.push(
    GoogleProvider({
      clientId: env.AUTH_GOOGLE_ID,
      clientSecret: env.AUTH_GOOGLE_SECRET,
      authorization: { params: { prompt: 'consent', access_type: 'offline', response_type: 'code' } },
    }),
  );
}
if (env.AUTH_USERS_FILE) {
  const users = loadUsersFile(path.resolve(env.AUTH_USERS_FILE));
  providers.push(
    CredentialsProvider({
      name: 'Username',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials) => authorizeCredentials(users, credentials),
    }),
  );
}

export const authOptions: NextAuthOptions = {
  providers,
  // The article's `session: { jwt: true }` is next-auth v3; v4 spells it like this (and it is the default).
  session: { strategy: 'jwt' },
};
