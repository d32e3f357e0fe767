// A zip file written as a stream (PKWARE APPNOTE 6.3): each entry's bytes leave as they are
// deflated, so a file of any size is written with a few hundred kilobytes of memory.
//
// - A whole entry (small: a workbook's fixed parts) is deflated at once and its local header
//   carries its CRC-32 and sizes.
// - A streamed entry (a worksheet) gets a local header with bit 3 set ("sizes follow the data"),
//   then its data through one raw deflate stream (node:zlib, on libuv's thread pool), then a
//   data descriptor with the CRC-32 (computed on the fly with zlib.crc32) and the sizes.
// - The central directory and its end record close the file.
//
// No ZIP64: an entry or a file of 4 GiB or more, or more than 65,535 entries, is refused with
// ZipTooLargeError (a workbook of the whole dataset is about 50 MB).
import { constants, crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from "node:zlib";

/** The largest size or offset a zip without ZIP64 holds (0xFFFFFFFF means "see ZIP64"). */
export const ZIP32_LIMIT = 0xffff_fffe;
const MAX_ENTRIES = 0xffff;

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: deflate, and data descriptors. */
const VERSION = 20;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_DEFLATE = 8;

export class ZipTooLargeError extends Error {
  constructor(what: string) {
    super(`The zip file would be too large: ${what} (no ZIP64 support, 4 GiB at most)`);
    this.name = "ZipTooLargeError";
  }
}

interface CentralRecord {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time of the entries (local wall clock, 2-second steps, 1980–2107). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export interface ZipWriterOptions {
  /** zlib's deflate level (0–9, default 6). */
  level?: number;
  /** The entries' modification time (default: now). */
  modified?: Date;
  /** The largest size or offset allowed (default and most: ZIP32_LIMIT; lower in tests). */
  maxSize?: number;
}

/**
 * Writes a zip to `emit`, chunk by chunk, in order. Entries are added one at a time: a streamed
 * entry must be closed before the next is added.
 */
export class ZipStreamWriter {
  readonly #emit: (chunk: Uint8Array) => void;
  readonly #level: number;
  readonly #maxSize: number;
  readonly #stamp: { time: number; date: number };
  readonly #records: CentralRecord[] = [];
  #offset = 0;
  #busy = false;
  #finished = false;
  #current: ZipEntryWriter | null = null;

  constructor(emit: (chunk: Uint8Array) => void, options: ZipWriterOptions = {}) {
    this.#emit = emit;
    this.#level = options.level ?? constants.Z_DEFAULT_COMPRESSION;
    this.#stamp = dosDateTime(options.modified ?? new Date());
    this.#maxSize = Math.min(options.maxSize ?? ZIP32_LIMIT, ZIP32_LIMIT);
  }

  /** @internal Throws ZipTooLargeError when a size or offset would not fit. */
  checkSize(value: number, what: string) {
    if (value > this.#maxSize) throw new ZipTooLargeError(what);
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.#offset;
  }

  /** @internal Written by the entries. */
  write(chunk: Uint8Array) {
    this.#offset += chunk.byteLength;
    this.#emit(chunk);
  }

  #begin(name: string) {
    if (this.#finished) throw new Error("The zip is finished");
    if (this.#busy) throw new Error("A streamed zip entry is still open");
    if (this.#records.length >= MAX_ENTRIES) throw new ZipTooLargeError("too many entries");
    this.checkSize(this.#offset, `the offset of ${name}`);
    const nameBytes = Buffer.from(name, "utf8");
    // eslint-disable-next-line no-control-regex -- ASCII's range, to tell UTF-8 names.
    const flags = /^[\x00-\x7f]*$/.test(name) ? 0 : FLAG_UTF8_NAME;
    return { nameBytes, flags };
  }

  #localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(this.#stamp.time, 10);
    header.writeUInt16LE(this.#stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    this.write(header);
    this.write(name);
  }

  /** A whole entry, deflated at once (for small parts). */
  addFile(name: string, content: string | Uint8Array) {
    const { nameBytes, flags } = this.#begin(name);
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    this.checkSize(data.byteLength, `the size of ${name}`);
    const deflated = deflateRawSync(data, { level: this.#level });
    this.checkSize(this.#offset + 30 + nameBytes.length + deflated.byteLength, "the file");
    const crc = crc32(data);
    const offset = this.#offset;
    this.#localHeader(nameBytes, flags, crc, deflated.byteLength, data.byteLength);
    this.write(deflated);
    this.#records.push({
      name: nameBytes,
      flags,
      crc,
      compressed: deflated.byteLength,
      size: data.byteLength,
      offset,
    });
  }

  /** A streamed entry: write its content in pieces, then close it. */
  openFile(name: string): ZipEntryWriter {
    const { nameBytes, flags } = this.#begin(name);
    const offset = this.#offset;
    const entryFlags = flags | FLAG_DATA_DESCRIPTOR;
    this.#localHeader(nameBytes, entryFlags, 0, 0, 0);
    this.#busy = true;
    this.#current = new ZipEntryWriter(this, this.#level, (crc, compressed, size) => {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
      this.write(descriptor);
      this.#records.push({ name: nameBytes, flags: entryFlags, crc, compressed, size, offset });
      this.#busy = false;
      this.#current = null;
    });
    return this.#current;
  }

  /** Writes the central directory: the zip is complete. */
  finish() {
    if (this.#busy) throw new Error("A streamed zip entry is still open");
    if (this.#finished) return;
    this.#finished = true;
    const start = this.#offset;
    this.checkSize(start, "the central directory's offset");
    for (const record of this.#records) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, 2.0
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(record.flags, 8);
      header.writeUInt16LE(METHOD_DEFLATE, 10);
      header.writeUInt16LE(this.#stamp.time, 12);
      header.writeUInt16LE(this.#stamp.date, 14);
      header.writeUInt32LE(record.crc, 16);
      header.writeUInt32LE(record.compressed, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      // Extra field, comment, disk number, internal and external attributes: none.
      header.writeUInt32LE(record.offset, 42);
      this.write(header);
      this.write(record.name);
    }
    const size = this.#offset - start;
    this.checkSize(size, "the central directory's size");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.#records.length, 8);
    end.writeUInt16LE(this.#records.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }

  /** Stops: the open entry's deflate is released; nothing more is written. */
  abort() {
    this.#finished = true;
    this.#current?.abort();
  }
}

/** One streamed entry of a ZipStreamWriter. */
export class ZipEntryWriter {
  readonly #zip: ZipStreamWriter;
  readonly #deflate: DeflateRaw;
  readonly #done: (crc: number, compressed: number, size: number) => void;
  #crc = 0;
  #size = 0;
  #compressed = 0;
  #error: Error | null = null;
  #closed = false;

  constructor(
    zip: ZipStreamWriter,
    level: number,
    done: (crc: number, compressed: number, size: number) => void,
  ) {
    this.#zip = zip;
    this.#done = done;
    this.#deflate = createDeflateRaw({ level });
    this.#deflate.on("data", (chunk: Buffer) => {
      this.#compressed += chunk.byteLength;
      try {
        this.#zip.checkSize(this.#compressed, "an entry's deflated size");
        this.#zip.checkSize(this.#zip.bytesWritten + chunk.byteLength, "the file");
      } catch (error) {
        this.#error ??= error as Error;
        this.#deflate.destroy();
        return;
      }
      this.#zip.write(chunk);
    });
    this.#deflate.on("error", (error) => (this.#error ??= error));
  }

  /**
   * Adds content; resolves once the deflate has taken it (its output already written out), so
   * that a writer awaiting each piece holds at most one piece in memory.
   */
  write(content: string | Uint8Array): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#closed) return Promise.reject(new Error("The zip entry is closed"));
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    this.#size += data.byteLength;
    try {
      this.#zip.checkSize(this.#size, "an entry's size");
    } catch (error) {
      this.#error = error as Error;
      this.#deflate.destroy();
      return Promise.reject(this.#error);
    }
    this.#crc = crc32(data, this.#crc);
    return new Promise((resolve, reject) => {
      this.#deflate.write(data, (error) => {
        const failure = this.#error ?? error;
        if (failure) reject(failure);
        else resolve();
      });
    });
  }

  /** Ends the entry: the rest of the deflate, then the data descriptor. */
  async close(): Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#closed) return;
    this.#closed = true;
    await new Promise<void>((resolve, reject) => {
      this.#deflate.once("end", resolve);
      // Destroyed (an error, a size refused, an abort): no "end" comes.
      this.#deflate.once("close", () => (this.#error ? reject(this.#error) : resolve()));
      this.#deflate.end();
    });
    if (this.#error) throw this.#error;
    this.#done(this.#crc >>> 0, this.#compressed, this.#size);
  }

  abort() {
    this.#closed = true;
    this.#error ??= new Error("The zip was aborted");
    this.#deflate.destroy();
  }
}
