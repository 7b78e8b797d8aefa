// An optional catch-all: /api/shop -> params.slug is undefined; /api/shop/a/b -> ['a', 'b'].
import { describePath } from '../../_lib/describe';

export async function GET(_request: Request, { params }: { params: Promise<{ slug?: string[] }> }) {
  const { slug } = await params;
  return Response.json({ slug: slug ?? null, path: describePath(slug) });
}
