// A route group: "(marketing)" organises files and is left out of the URL: this is /api/about.
export function GET() {
  return Response.json({ name: 'nextpress', about: 'Next.js route handlers on Express 5' });
}
