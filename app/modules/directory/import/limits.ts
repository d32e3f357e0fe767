// What an import file may hold: read by the reader (read-file.server.ts), the command line and
// the page, which tells the limit before anyone uploads.
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_COLUMNS = 40;
/** Characters a cell may hold (checked per cell, reported with its line and column). */
export const MAX_CELL_CHARS = 1000;
