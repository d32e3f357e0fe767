// What a contributions file may hold: read by the reader, the command line and the page, which
// tells the limits before anyone uploads. 50,000 rows: a few years of every partner's returns.
export const MAX_CONTRIBUTION_BYTES = 20 * 1024 * 1024;
export const MAX_CONTRIBUTION_ROWS = 50_000;
