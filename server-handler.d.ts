import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from "express";
import type { ServerBuild } from "react-router";

export class ResponseGone extends Error {}
export function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void>;
export function webRequest(req: ExpressRequest, res: ExpressResponse): Request;
export function sendResponse(res: ExpressResponse, response: Response): Promise<void>;
export function createRequestHandler(options: {
  build: ServerBuild;
  getLoadContext?: (req: ExpressRequest, res: ExpressResponse) => unknown;
  mode?: string;
}): RequestHandler;
