import { createContext } from "react-router";

/** The client's IP as seen by our server (Express, honouring TRUST_PROXY). */
export const clientIpContext = createContext<string>("local");

/**
 * True only when the TCP peer is this machine and no proxy header says the request was
 * forwarded: a local reverse proxy would otherwise make every visitor look local. Set by
 * server.js; the Vite development server (`npm run dev`, on localhost) has no such hook, so
 * outside production the default says local.
 */
export const loopbackClientContext = createContext<boolean>(process.env.NODE_ENV !== "production");

/** Short random id of the request, in logs instead of anything the user sent. */
export const requestIdContext = createContext<string>("-");
