import { createContext } from "react-router";

/** The client's IP as seen by our server (Express, honouring TRUST_PROXY). */
export const clientIpContext = createContext<string>("local");
