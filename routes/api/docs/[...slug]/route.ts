// A catch-all: /api/docs/a/b/c -> params.slug = ['a', 'b', 'c'] (one segment at least).
import { describePath } from '../../_lib/describe';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  return Response.json({ slug, path: describePath(slug) });
}
