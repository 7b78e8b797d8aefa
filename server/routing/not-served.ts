/**
 * @module isNotServed: a file name in the app folder -> whether it is one of Next's page, layout,
 * metadata or style files, which Next renders or bundles and nextpress does not serve (it serves
 * route handlers only). Other files (components, helpers) are plain modules, not counted.
 *
 *   page.tsx, layout.js, loading.tsx, error.tsx, global-error.tsx, not-found.tsx, template.tsx,
 *   default.tsx, forbidden.tsx, unauthorized.tsx, page.mdx                    -> true (pages, layouts)
 *   favicon.ico, icon.png, icon1.svg, apple-icon.tsx, opengraph-image.tsx,
 *   twitter-image.alt.txt, sitemap.ts, sitemap.xml, robots.txt, manifest.json -> true (metadata)
 *   globals.css, page.module.css, theme.scss                                  -> true (styles)
 *   route.ts, Button.tsx, utils.ts                                            -> false
 */
const PAGE = /^(page|layout|template|loading|error|global-error|not-found|global-not-found|forbidden|unauthorized|default)\.(jsx?|tsx?|mdx?)$/;
const METADATA =
  /^(favicon\.ico|(icon|apple-icon)\d*\.(ico|jpe?g|png|gif|svg|jsx?|tsx?)|(opengraph-image|twitter-image)\d*\.(jpe?g|png|gif|jsx?|tsx?|alt\.txt)|sitemap\.(xml|jsx?|tsx?)|robots\.(txt|jsx?|tsx?)|manifest\.(json|webmanifest|jsx?|tsx?))$/;
const STYLE = /\.(css|scss|sass)$/;

export function isNotServed(name: string): boolean {
  return PAGE.test(name) || METADATA.test(name) || STYLE.test(name);
}
