/**
 * @module `next/og` for route files: `ImageResponse`, a Response whose body is a PNG drawn from JSX
 * by @vercel/og (satori + resvg, the same library Next builds it on; its fonts and wasm ship inside
 * the package, nothing is downloaded except the fonts or emoji a route asks for).
 *
 *   new ImageResponse(<div style={{ display: 'flex' }}>Hello</div>, { width: 200, height: 100 })
 *     -> 200, content-type: image/png, cache-control: public, max-age=0, must-revalidate (Next 16's;
 *        13-15 sent public, immutable, no-transform, max-age=31536000), no-cache, no-store when
 *        NODE_ENV=development; `headers`, `status`, `statusText` options apply (a route that wants
 *        the year-long header sets it)
 *
 * @vercel/og (about 8 MB of code and wasm) is loaded on the first ImageResponse, not at start-up:
 * the response is returned at once and its body is drawn when it is read, as Next does.
 */
import { runInThisContext } from 'node:vm';
import type { ImageResponse as OgImageResponse } from '@vercel/og';

type OgModule = { ImageResponse: typeof OgImageResponse };
type ImageResponseArgs = ConstructorParameters<typeof OgImageResponse>;

let og: OgModule | undefined;

/**
 * Node's own require, not the loader's: the package is ES modules, which Node 20.19+ requires
 * natively, so neither jiti nor jest has to transpile its 20,000 lines (process.getBuiltinModule
 * is Node's real `module`, also under jest, whose `node:module` hands out its own require).
 */
function loadOg(): OgModule {
  // Node's main-realm `process`: under jest, route code (and this file, loaded with it) is handed the
  // test file's `process`, whose getBuiltinModule gives jest's `module`.
  const nodeProcess = runInThisContext('process') as NodeJS.Process;
  og ??= nodeProcess.getBuiltinModule('node:module').createRequire(__filename)('@vercel/og') as OgModule;
  return og;
}

export class ImageResponse extends Response {
  static displayName = 'ImageResponse';

  constructor(...args: ImageResponseArgs) {
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const image = new (loadOg().ImageResponse)(...args);
        if (image.body === null) return controller.close();
        const reader = image.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          controller.enqueue(value);
        }
      },
    });
    const options = args[1] ?? {};
    const headers = new Headers({
      'content-type': 'image/png',
      'cache-control': process.env.NODE_ENV === 'development' ? 'no-cache, no-store' : 'public, max-age=0, must-revalidate',
    });
    if (options.headers !== undefined)
      new Headers(options.headers).forEach((value, name) => {
        headers.set(name, value);
      });
    super(body, { headers, status: options.status, statusText: options.statusText });
  }
}
