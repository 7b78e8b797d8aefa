// next/og's types in an installed nextpress: the declarations `npm pack` builds into dist/ (prepack).
export * from '../../../dist/server/next/og';
