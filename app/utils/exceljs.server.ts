// exceljs (about 17 MB of memory once loaded) is loaded by the first workbook written or read,
// not when the server starts: most processes never make one.
export async function loadExcelJS() {
  return (await import("exceljs")).default;
}
