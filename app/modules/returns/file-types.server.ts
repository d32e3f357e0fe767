// What an uploaded file really is, read from its bytes (magic numbers and container
// structure), never from its name or the type the browser sent. Only an allow-list of office
// documents, images and plain text is accepted; everything else is refused.

export interface DetectedFileType {
  mimeType: string;
  /** Accepted extensions, the canonical one first. */
  extensions: readonly string[];
}

const type = (mimeType: string, ...extensions: string[]): DetectedFileType => ({
  mimeType,
  extensions,
});

export const fileTypes = {
  pdf: type("application/pdf", "pdf"),
  png: type("image/png", "png"),
  jpeg: type("image/jpeg", "jpg", "jpeg"),
  gif: type("image/gif", "gif"),
  webp: type("image/webp", "webp"),
  docx: type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  xlsx: type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  pptx: type("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
  odt: type("application/vnd.oasis.opendocument.text", "odt"),
  ods: type("application/vnd.oasis.opendocument.spreadsheet", "ods"),
  odp: type("application/vnd.oasis.opendocument.presentation", "odp"),
  doc: type("application/msword", "doc"),
  xls: type("application/vnd.ms-excel", "xls"),
  ppt: type("application/vnd.ms-powerpoint", "ppt"),
  csv: type("text/csv", "csv"),
  txt: type("text/plain", "txt"),
} as const;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[] | Uint8Array, at = 0) {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const latin1 = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.subarray(from, Math.min(to, b.length))).toString("latin1");

/** The type of `bytes`, or null when it is not on the allow-list. */
export function detectFileType(bytes: Uint8Array, fileName: string): DetectedFileType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return fileTypes.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return fileTypes.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return fileTypes.jpeg;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) {
    return fileTypes.gif;
  }
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) {
    return fileTypes.webp;
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZipDocument(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return detectOle2Document(bytes);
  }
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if ((extension === "csv" || extension === "txt") && isPlainUtf8Text(bytes)) {
    return fileTypes[extension];
  }
  return null;
}

function isPlainUtf8Text(bytes: Uint8Array) {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const MAX_ZIP_ENTRIES = 20_000;

/** Entry names from the ZIP central directory; null when the archive is not well formed. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (u32(bytes, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  if (count > MAX_ZIP_ENTRIES || at >= eocd) return null;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > eocd) return null;
    names.push(latin1(bytes, at + 46, at + 46 + nameLength));
    at = next;
  }
  return names;
}

/** OpenDocument: the first entry is an uncompressed "mimetype" naming the document kind. */
function openDocumentKind(bytes: Uint8Array) {
  const nameLength = u16(bytes, 26);
  const dataStart = 30 + nameLength + u16(bytes, 28);
  const size = u32(bytes, 18);
  const stored = u16(bytes, 8) === 0;
  if (latin1(bytes, 30, 30 + nameLength) !== "mimetype" || !stored || size > 100) return null;
  if (dataStart + size > bytes.length) return null;
  const mimeType = latin1(bytes, dataStart, dataStart + size);
  if (mimeType === fileTypes.odt.mimeType) return fileTypes.odt;
  if (mimeType === fileTypes.ods.mimeType) return fileTypes.ods;
  if (mimeType === fileTypes.odp.mimeType) return fileTypes.odp;
  return null;
}

function detectZipDocument(bytes: Uint8Array): DetectedFileType | null {
  const names = zipEntryNames(bytes);
  if (!names) return null;
  // Macro-enabled documents (docm, xlsm, pptm, ODF with Basic) are other types: refused.
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || /^(Basic|Scripts)\//.test(n))) {
    return null;
  }
  const odf = openDocumentKind(bytes);
  if (odf) return names.includes("mimetype") ? odf : null;
  if (!names.includes("[Content_Types].xml")) return null;
  if (names.some((n) => n.startsWith("word/"))) return fileTypes.docx;
  if (names.some((n) => n.startsWith("xl/"))) return fileTypes.xlsx;
  if (names.some((n) => n.startsWith("ppt/"))) return fileTypes.pptx;
  return null;
}

/**
 * Legacy Office: an OLE2 compound file is only a container (MSI installers use it too), so the
 * kind is read from its directory. Directory entries are 128-byte records that always start
 * at a file offset that is a multiple of 128 (sectors are 512 or 4096 bytes, after a
 * 512-byte header): name in UTF-16LE, its byte length at +64, the object type at +66.
 */
function detectOle2Document(bytes: Uint8Array): DetectedFileType | null {
  const sectorShift = u16(bytes, 0x1e);
  if (u16(bytes, 0x1c) !== 0xfffe || (sectorShift !== 9 && sectorShift !== 12)) return null;
  if (!hasOle2Entry(bytes, "Root Entry", 5)) return null;
  if (hasOle2Entry(bytes, "WordDocument", 2)) return fileTypes.doc;
  if (hasOle2Entry(bytes, "Workbook", 2) || hasOle2Entry(bytes, "Book", 2)) return fileTypes.xls;
  if (hasOle2Entry(bytes, "PowerPoint Document", 2)) return fileTypes.ppt;
  return null;
}

function hasOle2Entry(bytes: Uint8Array, name: string, objectType: number) {
  const encoded = Buffer.from(`${name}\0`, "utf16le");
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = haystack.indexOf(encoded, 512); at >= 0; at = haystack.indexOf(encoded, at + 1)) {
    if (at % 128 === 0 && u16(bytes, at + 64) === encoded.length && bytes[at + 66] === objectType) {
      return true;
    }
  }
  return false;
}

const MAX_NAME_LENGTH = 150;

/**
 * A file name safe to store and to offer for download: the base name only, without control or
 * bidi characters, path separators, ".." or leading dots, at most 150 characters, ending with
 * the extension of the detected type. Null when nothing usable remains.
 */
export function safeFileName(rawName: string, detected: DetectedFileType): string | null {
  const base = rawName.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/\.{2,}/g, ".")
    .replace(/^[\s.]+/, "")
    .replace(/[\s.]+$/, "");
  const dot = cleaned.lastIndexOf(".");
  let stem = cleaned;
  const given = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  let extension = detected.extensions[0] ?? "";
  if (detected.extensions.includes(given)) {
    stem = cleaned.slice(0, dot);
    extension = given;
  } else if (/^(?=.*[a-z])[a-z0-9]{1,5}$/.test(given)) {
    // A wrong extension (x.png holding a PDF) is replaced; "report.2024" keeps its suffix.
    stem = cleaned.slice(0, dot);
  }
  stem = stem.replace(/[\s.]+$/, "");
  if (!stem) return null;
  const room = MAX_NAME_LENGTH - extension.length - 1;
  const chars = Array.from(stem);
  if (chars.length > room)
    stem = chars
      .slice(0, room)
      .join("")
      .replace(/[\s.]+$/, "");
  return stem ? `${stem}.${extension}` : null;
}
