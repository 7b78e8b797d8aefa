export async function GET(request) {
  // username parent route
  return new Response('This is my parent route');
}
