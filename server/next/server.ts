/**
 * @module next/server, as route files import it: `import { NextRequest, NextResponse } from 'next/server'`.
 */
export { NextRequest, NextURL } from './request';
export { NextResponse } from './response';
