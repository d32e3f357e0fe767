// Our streaming zip and workbook writer (utils/xlsx), used by the dataset's big download: the
// zip is read back by a real unzip (Info-ZIP's `unzip -t`, when installed) and by a reader
// written here from the format (every entry inflated with node:zlib, its CRC-32 and sizes
// checked against the local header, the data descriptor and the central directory); the
// workbook is read back by exceljs, as Excel would open it. Text a sheet cannot hold (control
// characters) is removed, markup is escaped, long rows and an empty sheet are whole files.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import {
  columnLetters,
  excelSerial,
  XlsxStreamWriter,
  type XlsxCell,
  type XlsxColumn,
} from "~/utils/xlsx/workbook.server";
import { xmlText } from "~/utils/xlsx/xml.server";
import { ZipStreamWriter, ZipTooLargeError } from "~/utils/xlsx/zip.server";

const folder = mkdtempSync(join(tmpdir(), "xlsx-writer-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const hasUnzip = (() => {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** `unzip -t` on the bytes: Info-ZIP's own check of every entry's CRC. */
function unzipTest(bytes: Buffer) {
  if (!hasUnzip) return;
  const file = join(folder, `${randomBytes(4).toString("hex")}.zip`);
  writeFileSync(file, bytes);
  expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toMatch(
    /No errors detected in compressed data/,
  );
}

/** Every entry of a zip, read through its central directory and checked field by field. */
function readZip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(bytes.length - 22);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  let at = bytes.readUInt32LE(end + 16);
  expect(at + directorySize).toBe(end);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const flags = bytes.readUInt16LE(at + 8);
    expect(bytes.readUInt16LE(at + 10)).toBe(8); // deflate
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);

    expect(bytes.readUInt32LE(offset)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(offset + 6)).toBe(flags);
    expect(bytes.toString("utf8", offset + 30, offset + 30 + nameLength)).toBe(name);
    const dataStart = offset + 30 + nameLength + bytes.readUInt16LE(offset + 28);
    const data = inflateRawSync(bytes.subarray(dataStart, dataStart + compressed));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    if (flags & 0x0008) {
      // Sizes follow the data: a data descriptor with its signature.
      const descriptor = dataStart + compressed;
      expect(bytes.readUInt32LE(descriptor)).toBe(0x08074b50);
      expect(bytes.readUInt32LE(descriptor + 4)).toBe(crc);
      expect(bytes.readUInt32LE(descriptor + 8)).toBe(compressed);
      expect(bytes.readUInt32LE(descriptor + 12)).toBe(size);
    } else {
      expect(bytes.readUInt32LE(offset + 14)).toBe(crc);
      expect(bytes.readUInt32LE(offset + 18)).toBe(compressed);
      expect(bytes.readUInt32LE(offset + 22)).toBe(size);
    }
    entries.set(name, data);
  }
  return entries;
}

describe("the streaming zip", () => {
  it("is read back by unzip and by the format: whole and streamed entries, of any content", async () => {
    const chunks: Uint8Array[] = [];
    const zip = new ZipStreamWriter((chunk) => chunks.push(chunk));
    zip.addFile("hello.txt", "Bonjour, dag, 👋");
    zip.addFile("empty.txt", "");
    const noise = randomBytes(3 << 20); // does not compress: deflate's stored blocks
    const streamed = zip.openFile("dir/streamed.bin");
    for (let at = 0; at < noise.length; at += 100_000) {
      await streamed.write(noise.subarray(at, at + 100_000));
    }
    await streamed.close();
    const emptyStreamed = zip.openFile("nothing.xml");
    await emptyStreamed.close();
    zip.addFile("café/après.txt", "é");
    zip.finish();
    const bytes = Buffer.concat(chunks);
    expect(zip.bytesWritten).toBe(bytes.length);

    unzipTest(bytes);
    const entries = readZip(bytes);
    expect([...entries.keys()]).toEqual([
      "hello.txt",
      "empty.txt",
      "dir/streamed.bin",
      "nothing.xml",
      "café/après.txt",
    ]);
    expect(entries.get("hello.txt")!.toString()).toBe("Bonjour, dag, 👋");
    expect(entries.get("dir/streamed.bin")!.equals(noise)).toBe(true);
    expect(entries.get("nothing.xml")!.length).toBe(0);
    expect(entries.get("café/après.txt")!.toString()).toBe("é");
  });

  it("emits the streamed entry's bytes as they are deflated, not at the end", async () => {
    let emitted = 0;
    const zip = new ZipStreamWriter((chunk) => (emitted += chunk.byteLength));
    const entry = zip.openFile("sheet.xml");
    const header = emitted;
    await entry.write(randomBytes(1 << 20));
    // A megabyte of noise is deflated to about a megabyte: most of it is already out.
    expect(emitted - header).toBeGreaterThan(900_000);
    await entry.close();
    zip.finish();
  });

  it("refuses clearly what would not fit a zip without ZIP64, instead of a broken file", async () => {
    const zip = new ZipStreamWriter(() => {}, { maxSize: 10_000 });
    const entry = zip.openFile("big.bin");
    await expect(
      (async () => {
        for (let i = 0; i < 20; i++) await entry.write(randomBytes(1000));
      })(),
    ).rejects.toThrow(ZipTooLargeError);
    await expect(entry.close()).rejects.toThrow(/too large.*4 GiB/);

    const whole = new ZipStreamWriter(() => {}, { maxSize: 10_000 });
    expect(() => whole.addFile("big.bin", randomBytes(20_000))).toThrow(ZipTooLargeError);
  });

  it("takes one streamed entry at a time, and nothing after the end", async () => {
    const zip = new ZipStreamWriter(() => {});
    const entry = zip.openFile("a");
    expect(() => zip.addFile("b", "b")).toThrow(/still open/);
    expect(() => zip.finish()).toThrow(/still open/);
    await entry.close();
    zip.finish();
    expect(() => zip.addFile("c", "c")).toThrow(/finished/);
  });
});

describe("text in a sheet's XML", () => {
  it("escapes markup, and Excel's _xHHHH_ escapes, keeps tabs and line breaks", () => {
    expect(xmlText("a < b && c > d")).toBe("a &lt; b &amp;&amp; c &gt; d");
    expect(xmlText("Prévention\tbis\nligne")).toBe("Prévention\tbis\nligne");
    expect(xmlText("_x0041_ et _x41_")).toBe("_x005F_x0041_ et _x41_");
  });

  it("removes the characters XML 1.0 does not allow", () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("");
    expect(xmlText(`a${controls}\u007F\uFFFE\uFFFFb`)).toBe("a\t\n\rb");
    // Half of a UTF-16 pair alone goes; a whole pair stays.
    expect(xmlText("x\uD83Dy\uDC4Bz😀")).toBe("xyz😀");
  });
});

describe("column letters and dates", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16_383, "XFD"],
  ])("column %i is %s", (index, letters) => expect(columnLetters(index)).toBe(letters));

  it("writes dates as Excel serial days of their UTC fields", () => {
    expect(excelSerial(new Date("1970-01-01T00:00:00Z"))).toBe(25_569);
    expect(excelSerial(new Date("2023-04-01T12:00:00Z"))).toBe(45_017.5);
  });
});

async function workbook(columns: XlsxColumn[], rows: XlsxCell[][], sheetName = "Feuille") {
  const chunks: Uint8Array[] = [];
  const writer = new XlsxStreamWriter({
    sheetNames: [sheetName],
    creator: "safe.brussels",
    emit: (chunk) => chunks.push(chunk),
  });
  writer.begin();
  // The first bytes are out before the columns are known.
  expect([...chunks[0]!.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  await writer.startSheet(columns);
  for (let at = 0; at < rows.length; at += 100) await writer.writeRows(rows.slice(at, at + 100));
  await writer.finish();
  const bytes = Buffer.concat(chunks);
  unzipTest(bytes);
  const entries = readZip(bytes);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { book, sheet: book.worksheets[0]!, entries, rowCount: writer.rowCount };
}

describe("the streaming workbook", () => {
  const columns: XlsxColumn[] = [
    { header: "Année", width: 7 },
    { header: "Texte", width: 60 },
    { header: "Valeur", width: 12, numFmt: "#,##0.##" },
    { header: "Approuvé le", width: 17, numFmt: "yyyy-mm-dd hh:mm" },
  ];

  it("is opened by exceljs: sheet name, bold frozen header, widths, numbers, dates, text", async () => {
    const { book, sheet, entries } = await workbook(
      columns,
      [
        [2080, "Prévention & <sécurité>", 2.5, new Date("2023-04-01T12:00:00Z")],
        [2081, "  espaces\net lignes  ", "n/a", null],
        [null, null, -3, undefined],
      ],
      "Base de données",
    );
    expect(book.creator).toBe("safe.brussels");
    expect(sheet.name).toBe("Base de données");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1, topLeftCell: "A2" });
    expect(sheet.columns.map((c) => c.width)).toEqual([7, 60, 12, 17]);
    expect(sheet.getRow(1).values).toEqual([undefined, "Année", "Texte", "Valeur", "Approuvé le"]);
    expect(sheet.getCell("B1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe(2080);
    expect(sheet.getCell("B2").value).toBe("Prévention & <sécurité>");
    expect(sheet.getCell("C2").value).toBe(2.5);
    expect(sheet.getCell("C2").numFmt).toBe("#,##0.##");
    expect(sheet.getCell("D2").value).toEqual(new Date("2023-04-01T12:00:00Z"));
    expect(sheet.getCell("D2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(sheet.getCell("B3").value).toBe("  espaces\net lignes  ");
    expect(sheet.getCell("C3").value).toBe("n/a");
    // Empty cells are not written at all.
    expect(sheet.getCell("A4").value).toBeNull();
    expect(sheet.getCell("C4").value).toBe(-3);
    expect(sheet.rowCount).toBe(4);
    expect([...entries.keys()]).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/sheet1.xml",
      // Last: the sheets register the formats they use.
      "xl/styles.xml",
    ]);
    expect(entries.get("xl/worksheets/sheet1.xml")!.toString()).toContain(
      '<t xml:space="preserve">  espaces\net lignes  </t>',
    );
  });

  it("drops control characters from cells, and the file stays well-formed", async () => {
    const { sheet } = await workbook(columns, [
      [1, "bell\u0007 null\u0000 vt\u000B esc\u001B del\u007F tab\tend", null, null],
    ]);
    expect(sheet.getCell("B2").value).toBe("bell null vt esc del tab\tend");
  });

  it("holds a long row: hundreds of columns past ZZ, and a cell at Excel's 32,767 characters", async () => {
    const wide: XlsxColumn[] = Array.from({ length: 800 }, (_, i) => ({
      header: `Colonne ${i + 1}`,
      width: 10,
    }));
    const long = "é".repeat(32_767);
    const row: XlsxCell[] = wide.map((_, i) => (i === 0 ? long : i % 2 ? i : `texte ${i}`));
    const { sheet } = await workbook(wide, [row, row]);
    expect(sheet.getRow(1).cellCount).toBe(800);
    expect(sheet.getCell("ADT1").value).toBe("Colonne 800");
    expect(sheet.getCell("A3").value).toBe(long);
    expect(sheet.getCell("ADT3").value).toBe(799);
    expect(sheet.getCell("ADS3").value).toBe("texte 798");
  });

  it("with no rows is a whole workbook with its header alone", async () => {
    const { sheet, rowCount } = await workbook(columns, []);
    expect(rowCount).toBe(1);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).values).toEqual([undefined, "Année", "Texte", "Valeur", "Approuvé le"]);
  });

  it("refuses a sheet name Excel would not open", () => {
    const make = (sheetName: string) =>
      new XlsxStreamWriter({ sheetNames: [sheetName], creator: "x", emit: () => {} });
    expect(() => make("a/b")).toThrow(/sheet name/);
    expect(() => make("x".repeat(32))).toThrow(/sheet name/);
    expect(() => make("Databank")).not.toThrow();
  });
});

describe("a workbook of several sheets", () => {
  async function several() {
    const chunks: Uint8Array[] = [];
    const writer = new XlsxStreamWriter({
      sheetNames: ["À propos", "Tableau", "Entrées"],
      creator: "safe.brussels",
      emit: (chunk) => chunks.push(chunk),
    });
    // Facts: bold labels, a date with its own format beside a plain year.
    await writer.startSheet([{ width: 32, bold: true }, { width: 48 }], { header: false });
    await writer.writeRows([
      ["Édition", "Rapport 2023"],
      ["Première année", 2021],
      ["Figée le", { value: new Date("2026-12-01T10:30:00Z"), numFmt: "yyyy-mm-dd hh:mm" }],
    ]);
    await writer.endSheet();
    // A table: a title, then a header row, rows and a bold total, nothing frozen.
    await writer.startSheet([{ width: 48 }, { width: 16 }], { header: false });
    await writer.writeRows([["Mesures par thème"]], { font: "title" });
    await writer.writeRows([["Thème", "Zones"]], { font: "bold" });
    await writer.writeRows([["1. Radicalisation", "5/9"]]);
    await writer.writeRows([["Total", 37]], { font: "bold" });
    await writer.endSheet();
    // The entries: a frozen header, a date column.
    await writer.startSheet([
      { header: "Année", width: 7 },
      { header: "Approuvé le", width: 17, numFmt: "yyyy-mm-dd hh:mm" },
    ]);
    await writer.writeRows([[2023, new Date("2024-03-31T00:59:59Z")]]);
    await writer.finish();
    const bytes = Buffer.concat(chunks);
    unzipTest(bytes);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return { book, entries: readZip(bytes) };
  }

  it("is opened by exceljs with each sheet's rows, fonts, formats and views", async () => {
    const { book, entries } = await several();
    expect(book.worksheets.map((s) => s.name)).toEqual(["À propos", "Tableau", "Entrées"]);
    const [facts, table, rows] = book.worksheets as [
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
    ];
    expect(facts.getCell("A1").value).toBe("Édition");
    expect(facts.getCell("A1").font?.bold).toBe(true);
    expect(facts.getCell("B1").font?.bold).toBeFalsy();
    expect(facts.getCell("B2").value).toBe(2021);
    expect(facts.getCell("B2").numFmt).toBeFalsy();
    expect(facts.getCell("B3").value).toEqual(new Date("2026-12-01T10:30:00Z"));
    expect(facts.getCell("B3").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(facts.views[0]?.state).not.toBe("frozen");
    expect(facts.columns.map((c) => c.width)).toEqual([32, 48]);

    expect(table.getCell("A1").value).toBe("Mesures par thème");
    expect(table.getCell("A1").font).toMatchObject({ bold: true, size: 13 });
    expect(table.getCell("B2").font?.bold).toBe(true);
    expect(table.getCell("B3").value).toBe("5/9");
    expect(table.getCell("B3").font?.bold).toBeFalsy();
    expect(table.getCell("B4").value).toBe(37);
    expect(table.getCell("B4").font?.bold).toBe(true);

    expect(rows.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(rows.getCell("B1").font?.bold).toBe(true);
    expect(rows.getCell("B2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect([...entries.keys()].filter((k) => k.startsWith("xl/worksheets/"))).toEqual([
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
    ]);
  });

  it("refuses two sheets of one name, a sheet too many, and a sheet left out", async () => {
    const make = (sheetNames: string[]) =>
      new XlsxStreamWriter({ sheetNames, creator: "x", emit: () => {} });
    expect(() => make([])).toThrow(/one sheet/);
    expect(() => make(["Tableau", "tableau"])).toThrow(/Two sheets/);
    const one = make(["Seule"]);
    await one.startSheet([{ header: "A", width: 5 }]);
    await one.endSheet();
    await expect(one.startSheet([{ header: "A", width: 5 }])).rejects.toThrow(/already written/);
    const two = make(["Une", "Deux"]);
    await two.startSheet([{ header: "A", width: 5 }]);
    await expect(two.finish()).rejects.toThrow(/not written/);
  });
});
