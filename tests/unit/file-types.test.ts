import { describe, expect, it } from "vitest";
import {
  makeOle2,
  makeOpenDocument,
  makeZip,
  sampleDocx,
  sampleElf,
  sampleExe,
  sampleGif,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
  samplePptx,
  sampleScript,
  sampleSvg,
  sampleWebp,
  sampleXlsx,
} from "../fixtures/files/synthetic";
import {
  detectFileType,
  fileTypes,
  safeFileName,
  zipEntryNames,
} from "~/modules/returns/file-types.server";

const mimeOf = (bytes: Uint8Array, name = "upload.bin") => detectFileType(bytes, name)?.mimeType;

describe("detectFileType: the allow-list, read from the bytes", () => {
  it.each([
    ["PDF", samplePdf, fileTypes.pdf],
    ["PNG", samplePng, fileTypes.png],
    ["JPEG", sampleJpeg, fileTypes.jpeg],
    ["GIF", sampleGif, fileTypes.gif],
    ["WebP", sampleWebp, fileTypes.webp],
    ["docx", sampleDocx, fileTypes.docx],
    ["xlsx", sampleXlsx, fileTypes.xlsx],
    ["pptx", samplePptx, fileTypes.pptx],
    ["odt", makeOpenDocument("text"), fileTypes.odt],
    ["ods", makeOpenDocument("spreadsheet"), fileTypes.ods],
    ["odp", makeOpenDocument("presentation"), fileTypes.odp],
    ["doc", makeOle2(["WordDocument", "1Table"]), fileTypes.doc],
    ["xls", makeOle2(["Workbook"]), fileTypes.xls],
    ["xls (BIFF5)", makeOle2(["Book"]), fileTypes.xls],
    ["ppt", makeOle2(["PowerPoint Document", "Current User"]), fileTypes.ppt],
  ])("%s is recognised whatever its name says", (_label, bytes, expected) => {
    expect(detectFileType(bytes, "innocent.exe")).toBe(expected);
    expect(detectFileType(bytes, "")).toBe(expected);
  });

  it.each([
    ["a Windows executable", sampleExe],
    ["an ELF executable", sampleElf],
    ["HTML", sampleHtml],
    ["SVG", sampleSvg],
    ["a shell script", sampleScript],
    ["a bare ZIP", makeZip([{ name: "readme.txt", data: "hi" }])],
    [
      "a ZIP with [Content_Types].xml but no Office part",
      makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }]),
    ],
    [
      "a ZIP with word/ but no [Content_Types].xml",
      makeZip([{ name: "word/document.xml", data: "x" }]),
    ],
    [
      "a macro-enabled docm",
      makeZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: "x" },
        { name: "word/vbaProject.bin", data: "x" },
      ]),
    ],
    [
      "an EPUB (mimetype entry, not OpenDocument)",
      makeZip([{ name: "mimetype", data: "application/epub+zip" }]),
    ],
    ["a ZIP cut before its central directory", sampleDocx.subarray(0, sampleDocx.length - 30)],
    ["an OLE2 file with no Office stream (MSI installer)", makeOle2(["\u4840\u3f3f\u4577"])],
    ["an OLE2 header alone", makeOle2([]).subarray(0, 512)],
    ["a few random bytes", Buffer.from([1, 2, 3, 4, 5])],
  ])("%s is refused", (_label, bytes) => {
    expect(detectFileType(bytes, "document.pdf")).toBeNull();
  });

  it("takes plain text only as .csv/.txt, only valid UTF-8 without NUL bytes", () => {
    const csv = Buffer.from("naam;aantal\nÉcole;3\n", "utf8");
    expect(mimeOf(csv, "figures.csv")).toBe("text/csv");
    expect(mimeOf(csv, "NOTES.TXT")).toBe("text/plain");
    expect(mimeOf(csv, "figures.pdf")).toBeUndefined();
    expect(mimeOf(csv, "figures")).toBeUndefined();
    expect(mimeOf(Buffer.from("a,b\0,c"), "x.csv")).toBeUndefined();
    expect(mimeOf(Buffer.from([0x61, 0xc3, 0x28]), "x.txt")).toBeUndefined(); // invalid UTF-8
    expect(mimeOf(Buffer.from("é", "latin1"), "x.csv")).toBeUndefined();
  });

  it("a signature wins over the name: a PDF called .txt is a PDF", () => {
    expect(mimeOf(samplePdf, "x.txt")).toBe("application/pdf");
  });

  it("lists ZIP entries from the central directory, and refuses malformed ones", () => {
    expect(zipEntryNames(sampleDocx)).toEqual(["[Content_Types].xml", "word/document.xml"]);
    expect(zipEntryNames(Buffer.from("PK\x03\x04garbage", "latin1"))).toBeNull();
    const lying = Buffer.from(sampleDocx);
    lying.writeUInt16LE(500, lying.length - 12); // more entries than the directory holds
    expect(zipEntryNames(lying)).toBeNull();
  });
});

describe("safeFileName", () => {
  const pdf = fileTypes.pdf;

  it.each([
    ["rapport annuel.pdf", "rapport annuel.pdf"],
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["..\\..\\windows\\system32\\x.PDF", "x.pdf"],
    ["x.png", "x.pdf"],
    ["evil.exe", "evil.pdf"],
    ["no extension", "no extension.pdf"],
    ["report.2024", "report.2024.pdf"],
    ["...hidden.pdf", "hidden.pdf"],
    ["a..b.pdf", "a.b.pdf"],
    ["bad\u0000na\u0007me\u202Efdp.exe", "badnamefdp.pdf"],
    ['what?"<>|*.pdf', "what______.pdf"],
    ["  spaced   out  .pdf", "spaced out.pdf"],
    ["Café déjà vu.pdf", "Café déjà vu.pdf"],
  ])("%j → %j", (raw, expected) => {
    expect(safeFileName(raw, pdf)).toBe(expected);
  });

  it("keeps a valid alternative extension (jpeg) and corrects case", () => {
    expect(safeFileName("photo.JPEG", fileTypes.jpeg)).toBe("photo.jpeg");
    expect(safeFileName("photo.gif", fileTypes.jpeg)).toBe("photo.jpg");
  });

  it("refuses names where nothing usable remains", () => {
    for (const raw of ["", "..", "../../", "...", "\u0000\u0001", "/", " . "]) {
      expect(safeFileName(raw, pdf)).toBeNull();
    }
  });

  it("shortens long names to 150 characters, keeping the extension", () => {
    const name = safeFileName(`${"é".repeat(300)}.pdf`, pdf);
    expect(name).toBe(`${"é".repeat(146)}.pdf`);
    expect(Array.from(name ?? "")).toHaveLength(150);
    const emoji = safeFileName(`${"😀".repeat(200)}.pdf`, pdf) ?? "";
    expect(Array.from(emoji)).toHaveLength(150);
    expect(/\p{Cs}/u.test(emoji)).toBe(false);
  });
});
