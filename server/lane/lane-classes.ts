/**
 * @module laneClasses: request and response classes for node:http whose objects are born with the
 * app's Express prototypes, so the engine lane (open-engine-lane.ts) has nothing to re-prototype:
 * `Object.setPrototypeOf` on a live object is what Express pays twice per request, and it leaves
 * V8 a changed shape on every request.
 *
 *   http.createServer({ ...laneClasses(app) }, app)
 *     req -> LaneRequest  -> app.request  -> express.request  -> http.IncomingMessage.prototype
 *     res -> LaneResponse -> app.response -> express.response -> http.ServerResponse.prototype
 *
 * The chain keeps following the app's prototypes when it is mounted elsewhere (Express re-points
 * `app.request` itself, not the objects made from it).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** Which app's prototypes an object was born with (on the class prototype, so nothing is set per request). */
export const LANE_OBJECT = Symbol('nextpress.laneObject');

export interface LaneClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

export function laneClasses(app: Express): LaneClasses {
  class LaneRequest extends IncomingMessage {}
  class LaneResponse<Req extends IncomingMessage = IncomingMessage> extends ServerResponse<Req> {}
  Object.setPrototypeOf(LaneRequest.prototype, app.request);
  Object.setPrototypeOf(LaneResponse.prototype, app.response);
  Object.defineProperty(LaneRequest.prototype, LANE_OBJECT, { value: app });
  return { IncomingMessage: LaneRequest, ServerResponse: LaneResponse as typeof ServerResponse };
}
