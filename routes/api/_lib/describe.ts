// A private folder (leading underscore): never routable, but route files may import from it.
export function describePath(segments: string[] | undefined): string {
  return segments === undefined ? '(none)' : segments.join(' / ');
}
