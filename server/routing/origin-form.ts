/**
 * @module originForm: a request target -> the origin-form (path and query) the engine reads, when
 * the client sent another form. Checked once per request, before either lane; a target that is
 * already a plain path costs one character test and one `#` search.
 *
 *   '/api/echo'                        -> undefined          (already origin-form)
 *   '/api/echo#frag'                   -> '/api/echo'        (browsers never send a fragment; Next drops it)
 *   '/api/echo?a=1#frag'               -> '/api/echo?a=1'
 *   'http://localhost/api/echo?x=1'    -> '/api/echo?x=1'    (absolute-form, which RFC 9112 §3.2.2 says a server must accept)
 *   'HTTPS://h.example'                -> '/'
 *   'http://h.example?x=1#f'           -> '/?x=1'
 *   '*', 'example.com:443', 'ftp://h/' -> undefined          (asterisk-form, authority-form, not http: left to answer 404)
 * The Host header stays what the client sent: request.url is still built from it.
 */
const ABSOLUTE = /^https?:\/\/[^/?#]*/i;

export function originForm(url: string): string | undefined {
  let target = url;
  if (target.charCodeAt(0) !== 47 /* / */) {
    const origin = ABSOLUTE.exec(target);
    if (origin === null) return undefined;
    target = target.slice(origin[0].length);
    if (target.charCodeAt(0) !== 47) target = `/${target}`;
  }
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  return target === url ? undefined : target;
}
