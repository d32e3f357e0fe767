import { Transform, type TransformCallback } from "node:stream";

/**
 * Between React's renderer and the HTTP response: keeps React's 4 kB pieces until React says
 * a batch is complete (it calls `flush()` on its destination when one is defined), then passes
 * them on as one chunk. The React Router adapter flushes the compression stream after every
 * chunk it writes, so without this each 4 kB piece became its own gzip block and socket write
 * (a 80 kB page: about twenty). Streaming is kept: a batch still leaves as soon as React ends it.
 */
export class CoalescingStream extends Transform {
  private pending: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    // React starts a new buffer after handing one over, so keeping the chunk is safe.
    this.pending.push(chunk);
    callback();
  }

  /** Called by React at the end of each batch of work. */
  flush() {
    if (this.pending.length === 0) return;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.push(batch);
  }

  override _flush(callback: TransformCallback) {
    this.flush();
    callback();
  }
}
