/**
 * @module Scanned route files -> Routes: each file's source is read (not imported) once, to list
 * the methods it exports for the route table and to warn about mistakes before any request.
 */
import fs from 'node:fs';
import type { RouteFile } from '../routing/types';
import { readExportedMethods } from '../routing/read-exports';
import type { Route } from './route';

export interface ScannedRoute extends Route {
  exportsScan: ReturnType<typeof readExportedMethods>;
}

export function readRouteFiles(files: RouteFile[]): ScannedRoute[] {
  return files.map((file) => {
    const exportsScan = readExportedMethods(fs.readFileSync(file.file, 'utf8'));
    return { ...file, declaredMethods: exportsScan.methods, exportsScan, loaded: undefined, loading: undefined };
  });
}
