// The `next` module's own types (NextConfig) in an installed nextpress: the declarations `npm pack` builds into dist/ (prepack).
export * from '../../../dist/server/next/config';
