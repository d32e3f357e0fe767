// A workbook written as a download: the writer's bytes go into a ReadableStream (a response's
// body) that holds at most QUEUE_BYTES the client has not taken; the producer waits for room
// (`roomInQueue`) between batches, so a slow client never makes rows pile up in memory. A client
// that goes away stops the writing (the deflate is released); a failure cuts the download (the
// connection errors), never a file that looks whole.
import { XlsxStreamWriter, type XlsxWriterOptions } from "./workbook.server";
import { describeError } from "~/utils/log.server";

/** Bytes the response may hold that the client has not taken yet. */
const QUEUE_BYTES = 1 << 20;

export interface XlsxProduction {
  writer: XlsxStreamWriter;
  /** Resolves once the client has taken enough for more to be written (or has gone). */
  roomInQueue(): Promise<void>;
  /** The client went away: stop. */
  readonly cancelled: boolean;
}

/**
 * The workbook `produce` writes (every sheet named, begun by then), as a stream of bytes;
 * `label` names the download in the log if it fails ("Dataset XLSX").
 */
export function xlsxDownload(
  options: Omit<XlsxWriterOptions, "emit">,
  label: string,
  produce: (production: XlsxProduction) => Promise<void>,
): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const writer = new XlsxStreamWriter({
    ...options,
    emit: (chunk) => {
      if (!cancelled) controller.enqueue(chunk);
    },
  });

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: signal,
      cancel() {
        cancelled = true;
        writer.abort();
        signal();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  );

  const production: XlsxProduction = {
    writer,
    async roomInQueue() {
      while (!cancelled && (controller.desiredSize ?? 0) <= 0) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    get cancelled() {
      return cancelled;
    },
  };

  (async () => {
    await produce(production);
    if (cancelled) return;
    await writer.finish();
    if (!cancelled) controller.close();
  })().catch((error: unknown) => {
    // Gone client: nothing to tell.
    if (cancelled) return;
    console.error(`${label}: the export failed: ${describeError(error)}`);
    controller.error(error);
    writer.abort();
  });
  return stream;
}
