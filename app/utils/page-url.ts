/**
 * The page a request is for, as the address bar shows it. Loaders and actions receive the raw
 * HTTP request (`future.v8_passThroughRequests`: no copies of it per loader, so a page's
 * loaders share one request and one session lookup), whose URL for a client-side navigation is
 * the data request's: `/fr/partner.data?_routes=…`, `/_root.data`, `?index`. Routes have the
 * router's normalised `url` argument; modules that only get the request use this.
 */
export function pageUrl(request: Request): URL {
  const url = new URL(request.url);
  if (url.pathname.endsWith(".data")) {
    const path = url.pathname.slice(0, -".data".length);
    url.pathname = path === "/_root" ? "/" : path;
  }
  url.searchParams.delete("_routes");
  // `?index` (empty) only tells the router which route an action is for.
  const index = url.searchParams.getAll("index").filter((value) => value !== "");
  url.searchParams.delete("index");
  for (const value of index) url.searchParams.append("index", value);
  return url;
}
