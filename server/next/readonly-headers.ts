/**
 * @module ReadonlyHeaders: what `headers()` gives, a copy of the request headers (a real `Headers`,
 * so `instanceof Headers`, iteration and `Object.fromEntries` work) whose mutators throw Next's
 * ReadonlyHeadersError.
 *
 *   new ReadonlyHeaders(request.headers).get('accept')  -> the request's value
 *   new ReadonlyHeaders(request.headers).set('a', 'b')  -> throws "Headers cannot be modified. ..."
 */
export class ReadonlyHeadersError extends Error {
  constructor() {
    super('Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers');
    this.name = 'ReadonlyHeadersError';
  }
}

export class ReadonlyHeaders extends Headers {
  append(_name: string, _value: string): never {
    throw new ReadonlyHeadersError();
  }

  delete(_name: string): never {
    throw new ReadonlyHeadersError();
  }

  set(_name: string, _value: string): never {
    throw new ReadonlyHeadersError();
  }
}
