// The article's headers() example ("With server-side functions, we can also specify route
// headers"). The article puts it in app/api/username/route.js, which here already holds its
// parent-route example, so it lives at /api/content-type. It answers with the request's own
// Content-Type (like Next, `null` becomes the text "null" when the request has none).
// Import for the headers dependency
import { headers } from 'next/headers';
export async function GET(Request) {
  const useHeader = headers(Request);
  const header = useHeader.get('content-type');
  return new Response('We are using the content-type header!', {
    status: 200,
    headers: { 'content-type': header },
  });
}
