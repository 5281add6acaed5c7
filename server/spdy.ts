// The part of SPDY/3.1 that `kubectl port-forward` uses: streams the client opens (SYN_STREAM)
// and the server accepts (SYN_REPLY), data in both directions with a FIN for each side's end,
// RST_STREAM, PING echoes and GOAWAY. kubectl 1.32 carries these frames inside a WebSocket's
// binary messages (subprotocol `SPDY/3.1+portforward.k8s.io`), or over an upgraded HTTP
// connection (`Upgrade: SPDY/3.1`) when the WebSocket is refused.
//
// Header blocks are zlib streams with SPDY's fixed dictionary, one stream per direction for the
// whole connection. The client's blocks are inflated together with all of its earlier ones; ours
// are written as stored (uncompressed) deflate blocks, which any zlib reader accepts.
import { inflateSync, constants as zlibConstants } from 'node:zlib';

const words = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const tail =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

/** SPDY/3's header compression dictionary: each word with its 32-bit length, then the tail. */
export const headerDictionary = Buffer.concat([
  ...words.map((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length);
    return Buffer.concat([length, Buffer.from(word, 'latin1')]);
  }),
  Buffer.from(tail, 'latin1'),
]);

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const frameType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
const flagFin = 0x01;
/** Larger frames than this are a broken client: SPDY's own limit is 2^24 - 1. */
const maxFrameBytes = 1 << 20;
/** All header blocks a client may send on one connection (they are inflated together). */
const maxHeaderBytes = 512 * 1024;
const maxDataFrame = 32 * 1024;

export interface SpdyStream {
  readonly id: number;
  /** Header names in lower case, as SPDY carries them. */
  readonly headers: Readonly<Record<string, string>>;
  write(data: Uint8Array): void;
  /** Our side is done (DATA with FIN). */
  end(): void;
  /** Everything the client sends on it, and when the client's side ends (FIN or reset). */
  onData?: (data: Uint8Array) => void;
  onEnd?: () => void;
}

interface StreamState extends SpdyStream {
  localEnded: boolean;
}

export class SpdyConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, StreamState>();
  private clientHeaderBlocks: Buffer[] = [];
  private clientHeaderBytes = 0;
  private inflatedBytes = 0;
  private wroteZlibHeader = false;
  private closed = false;

  constructor(
    private readonly sendBytes: (bytes: Buffer) => void,
    private readonly onStream: (stream: SpdyStream) => void,
    private readonly onClose: () => void,
  ) {}

  /** Bytes from the client, in any pieces. */
  receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (!this.closed && this.buffered.length >= 8) {
      const length = this.buffered.readUIntBE(5, 3);
      if (length > maxFrameBytes) return this.close();
      if (this.buffered.length < 8 + length) return;
      const frame = this.buffered.subarray(0, 8 + length);
      this.buffered = this.buffered.subarray(8 + length);
      try {
        this.frame(frame);
      } catch {
        this.close();
      }
    }
  }

  /** Ends every stream and tells the client the connection is going away. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const goAway = Buffer.alloc(8);
    this.sendBytes(Buffer.concat([controlHeader(frameType.goAway, 0, goAway.length), goAway]));
    this.clientEnded();
    this.onClose();
  }

  /** The transport ended under us. */
  clientEnded(): void {
    this.closed = true;
    for (const stream of [...this.streams.values()]) this.remoteEnd(stream);
    this.streams.clear();
  }

  private frame(frame: Buffer): void {
    const flags = frame[4];
    const payload = frame.subarray(8);
    if ((frame[0] & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (!stream) return;
      if (payload.length > 0) stream.onData?.(payload);
      if (flags & flagFin) this.remoteEnd(stream);
      return;
    }
    switch (frame.readUInt16BE(2)) {
      case frameType.synStream: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const headers = this.inflateHeaders(payload.subarray(10));
        const stream = this.openStream(id, headers);
        const block = this.emptyHeaderBlock();
        this.sendBytes(Buffer.concat([controlHeader(frameType.synReply, 0, 4 + block.length), streamId(id), block]));
        this.onStream(stream);
        if (flags & flagFin) this.remoteEnd(stream);
        return;
      }
      case frameType.headers:
        this.inflateHeaders(payload.subarray(4));
        return;
      case frameType.rstStream: {
        const stream = this.streams.get(payload.readUInt32BE(0) & 0x7fffffff);
        if (stream) {
          stream.localEnded = true;
          this.remoteEnd(stream);
        }
        return;
      }
      case frameType.ping:
        this.sendBytes(frame);
        return;
      case frameType.goAway:
        this.close();
        return;
      default:
        // SETTINGS and WINDOW_UPDATE: the lab's streams are small, nothing to tune.
        return;
    }
  }

  private openStream(id: number, headers: Record<string, string>): StreamState {
    const stream: StreamState = {
      id,
      headers,
      localEnded: false,
      write: (data) => {
        if (stream.localEnded || this.closed) return;
        for (let at = 0; at < data.length; at += maxDataFrame) this.sendData(id, 0, data.subarray(at, at + maxDataFrame));
      },
      end: () => {
        if (stream.localEnded || this.closed) return;
        stream.localEnded = true;
        this.sendData(id, flagFin, Buffer.alloc(0));
      },
    };
    this.streams.set(id, stream);
    return stream;
  }

  private remoteEnd(stream: StreamState): void {
    if (!this.streams.delete(stream.id)) return;
    stream.onEnd?.();
  }

  private sendData(id: number, flags: number, data: Uint8Array): void {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(id & 0x7fffffff, 0);
    header.writeUInt32BE(((flags & 0xff) << 24 | data.length) >>> 0, 4);
    this.sendBytes(Buffer.concat([header, data]));
  }

  /** The client's block, inflated with all its earlier ones (they share one zlib stream). */
  private inflateHeaders(block: Buffer): Record<string, string> {
    this.clientHeaderBytes += block.length;
    if (this.clientHeaderBytes > maxHeaderBytes) throw new Error('too many header bytes');
    this.clientHeaderBlocks.push(block);
    const all = inflateSync(Buffer.concat(this.clientHeaderBlocks), { dictionary: headerDictionary, finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const plain = all.subarray(this.inflatedBytes);
    this.inflatedBytes = all.length;
    const headers: Record<string, string> = {};
    let at = 4;
    for (let count = plain.readUInt32BE(0); count > 0; count--) {
      const nameLength = plain.readUInt32BE(at);
      const name = plain.toString('utf8', at + 4, at + 4 + nameLength);
      at += 4 + nameLength;
      const valueLength = plain.readUInt32BE(at);
      headers[name.toLowerCase()] = plain.toString('utf8', at + 4, at + 4 + valueLength).split('\0')[0];
      at += 4 + valueLength;
    }
    return headers;
  }

  /**
   * A header block with no headers: a stored deflate block holding the count 0, then an empty
   * stored block, the marker a zlib sync flush ends with. Go's inflater hands out a stored
   * block's bytes only when it reaches the next block; without the marker it would read past
   * the frame.
   */
  private emptyHeaderBlock(): Buffer {
    const stored = Buffer.from([0x00, 0x04, 0x00, 0xfb, 0xff, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0xff, 0xff]);
    if (this.wroteZlibHeader) return stored;
    this.wroteZlibHeader = true;
    const zlibHeader = Buffer.alloc(6);
    // CMF 0x78 (deflate, 32K window), FLG 0x20 (a preset dictionary follows; 0x7820 % 31 == 0).
    zlibHeader.writeUInt16BE(0x7820, 0);
    zlibHeader.writeUInt32BE(adler32(headerDictionary), 2);
    return Buffer.concat([zlibHeader, stored]);
  }
}

function controlHeader(type: number, flags: number, length: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(0x8003, 0);
  header.writeUInt16BE(type, 2);
  header.writeUInt32BE(((flags & 0xff) << 24 | length) >>> 0, 4);
  return header;
}

function streamId(id: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(id & 0x7fffffff);
  return bytes;
}
