/**
 * @module The Client Component parts of next/navigation, so that a shared file importing them
 * still loads in a route handler; calling a hook there throws a message saying what to use instead.
 *
 *   useRouter()                                 -> throws "`useRouter` is a React hook for Client Components ..."
 *   new ReadonlyURLSearchParams('a=1').get('a') -> '1'
 *   new ReadonlyURLSearchParams('a=1').set(...) -> throws Next's ReadonlyURLSearchParamsError
 */
function notInRouteHandlers(name: string): never {
  throw new Error(
    `\`${name}\` is a React hook for Client Components and is not available in route handlers. In a route handler, read the URL from \`request.nextUrl\` (pathname, searchParams), the dynamic segments from the \`params\` argument, and redirect with \`redirect()\` from next/navigation.`,
  );
}

export function useRouter(): never {
  return notInRouteHandlers('useRouter');
}

export function usePathname(): never {
  return notInRouteHandlers('usePathname');
}

export function useSearchParams(): never {
  return notInRouteHandlers('useSearchParams');
}

export function useParams(): never {
  return notInRouteHandlers('useParams');
}

export function useSelectedLayoutSegment(): never {
  return notInRouteHandlers('useSelectedLayoutSegment');
}

export function useSelectedLayoutSegments(): never {
  return notInRouteHandlers('useSelectedLayoutSegments');
}

export function useServerInsertedHTML(): never {
  return notInRouteHandlers('useServerInsertedHTML');
}

export function unstable_isUnrecognizedActionError(): boolean {
  throw new Error('`unstable_isUnrecognizedActionError` can only be used on the client.');
}

class ReadonlyURLSearchParamsError extends Error {
  constructor() {
    super(
      'Method unavailable on `ReadonlyURLSearchParams`. Read more: https://nextjs.org/docs/app/api-reference/functions/use-search-params#updating-searchparams',
    );
  }
}

/** URLSearchParams whose mutators throw, as Next exports it. */
export class ReadonlyURLSearchParams extends URLSearchParams {
  append(): never {
    throw new ReadonlyURLSearchParamsError();
  }

  delete(): never {
    throw new ReadonlyURLSearchParamsError();
  }

  set(): never {
    throw new ReadonlyURLSearchParamsError();
  }

  sort(): never {
    throw new ReadonlyURLSearchParamsError();
  }
}
