/** Keeps the redirectTo query across the login and second-factor pages. */
export function withRedirectTo(path: string, redirectTo: string) {
  return redirectTo ? `${path}?${new URLSearchParams({ redirectTo })}` : path;
}
