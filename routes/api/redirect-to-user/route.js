// The article's "Dynamic Route Handler" redirect example. The article puts it in
// app/api/username/route.js, which here already holds its parent-route example, so it lives at
// /api/redirect-to-user. GET answers 307 with `Location: /api/username/John Doe`, which
// api/username/[user]/route.js answers. (The article redirects to http://localhost:3000/...;
// a relative URL works on any host and port.)
import { redirect } from 'next/navigation';
const name = 'John Doe';
export async function GET(Request) {
  redirect(`/api/username/${name}`);
}
