import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext("");

export function NonceProvider(props: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={props.value}>{props.children}</NonceContext.Provider>;
}

/** The CSP nonce on the server; empty in the browser, where scripts are already loaded. */
export function useNonce() {
  return useContext(NonceContext);
}
