// dd: copies blocks from a file, a device or stdin to a file, a device or stdout. Mostly used in
// the lab to fill a disk (`dd if=/dev/zero of=/data/big bs=1M count=200`), so zeros are written
// through FileSystem.writeZeros and never become a string of that size.
//
// Nothing here takes real time: the elapsed time in the summary comes from a fixed virtual disk
// speed, so the same command always prints the same line.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { utf8Length } from '../../fs/memfs';
import type { CommandContext, CommandImpl } from '../../process';
import { absolute, printError, type Dialect } from './common';

/** Fixed cost of one dd run in virtual nanoseconds (opening files, the first read). */
const startupNs = 50_037;
/** Virtual throughput: 1.5 bytes per nanosecond, i.e. 1.5 GB/s, about what a node's SSD does. */
const bytesPerNs = 1.5;
/**
 * /dev/zero with no count never ends; a real dd stops when the disk is full. A filesystem with a
 * size limit says when (ENOSPC); one without gives out at this size, roughly what is free on a
 * simulated worker's 20 GiB disk, and dd then reports the disk full as the real one would. The
 * content is a count of zeros, so the size costs no memory.
 */
const endlessFileBytes = 16 * 1024 ** 3;
/** Endless input to /dev/null stops here (a real dd would run until interrupted). */
const endlessNullBytes = endlessFileBytes;
/** Endless input to stdout stops after this much, like `yes` in this shell. */
const endlessStdoutBytes = 64 * 1024;
/** At most this much of a finite copy to stdout is really passed on (the count still says all). */
const stdoutLimit = 16 * 1024 ** 2;
/** Writes of zeros to a filesystem without writeZeros go in strings of this size. */
const zeroStringChunk = 1024 ** 2;

const busyboxUsage = [
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.',
  '',
  'Usage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]',
  '\t[conv=notrunc|noerror|sync|fsync]',
  '\t[iflag=skip_bytes|count_bytes|fullblock|direct] [oflag=seek_bytes|append|direct]',
  '',
  'Copy a file with converting and formatting',
  '',
  '\tif=FILE\t\tRead from FILE instead of stdin',
  '\tof=FILE\t\tWrite to FILE instead of stdout',
  '\tbs=N\t\tRead and write N bytes at a time',
  '\tibs=N\t\tRead N bytes at a time',
  '\tobs=N\t\tWrite N bytes at a time',
  '\tcount=N\t\tCopy only N input blocks',
  '\tskip=N\t\tSkip N input blocks',
  '\tseek=N\t\tSkip N output blocks',
  "\tconv=notrunc\tDon't truncate output file",
  '\tconv=noerror\tContinue after read errors',
  '\tconv=sync\tPad blocks with zeros',
  '\tconv=fsync\tPhysically write data out before finishing',
  '\tconv=swab\tSwap every pair of bytes',
  '\tiflag=skip_bytes\tskip=N is in bytes',
  '\tiflag=count_bytes\tcount=N is in bytes',
  '\toflag=seek_bytes\tseek=N is in bytes',
  '\tiflag=direct\tO_DIRECT input',
  '\toflag=direct\tO_DIRECT output',
  '\tiflag=fullblock\tRead full blocks',
  '\toflag=append\tOpen output in append mode',
  '\tstatus=noxfer\tSuppress rate output',
  '\tstatus=none\tSuppress all output',
  '',
  'N may be suffixed by c (1), w (2), b (512), kB (1000), k (1024), MB, M, GB, G',
  '',
].join('\n');

// Operand words each tool accepts (unknown ones are errors).
const busyboxWords = {
  conv: ['notrunc', 'sync', 'noerror', 'fsync', 'swab'],
  iflag: ['skip_bytes', 'count_bytes', 'fullblock', 'direct'],
  oflag: ['seek_bytes', 'append', 'direct'],
  status: ['none', 'noxfer'],
};
const gnuFileFlags = ['append', 'binary', 'cio', 'direct', 'directory', 'dsync', 'noatime', 'nocache', 'noctty', 'nofollow', 'nolinks', 'nonblock', 'sync', 'text'];
const gnuWords = {
  conv: ['ascii', 'ebcdic', 'ibm', 'block', 'unblock', 'lcase', 'ucase', 'sparse', 'swab', 'sync', 'excl', 'nocreat', 'notrunc', 'noerror', 'fdatasync', 'fsync'],
  iflag: [...gnuFileFlags, 'fullblock', 'count_bytes', 'skip_bytes'],
  oflag: [...gnuFileFlags, 'seek_bytes'],
  status: ['none', 'noxfer', 'progress'],
};
const gnuWordErrors: Record<string, string> = { conv: 'invalid conversion', iflag: 'invalid input flag', oflag: 'invalid output flag', status: 'invalid status level' };

// Size suffixes. busybox: its table of exact suffixes. GNU: c, w, b, then a power letter alone
// (1024-based), with `iB` (1024-based) or `B`/`D` (1000-based); `k` is the only lower-case letter.
const busyboxSuffixes: Record<string, number> = {
  '': 1, c: 1, w: 2, b: 512, kB: 1000, kD: 1000, k: 1024, KB: 1000, KD: 1000, K: 1024,
  MB: 1_000_000, MD: 1_000_000, M: 1024 ** 2, GB: 1_000_000_000, GD: 1_000_000_000, G: 1024 ** 3,
};
const gnuPowers = 'KMGTPEZYRQ';

interface Settings {
  input?: string;
  output?: string;
  ibs: number;
  obs: number;
  /** bs= was given: each block read is written as it is (no reblocking). */
  bs: boolean;
  count?: number;
  skip: number;
  seek: number;
  conv: Set<string>;
  iflag: Set<string>;
  oflag: Set<string>;
  status?: string;
}

class BadNumber extends Error {
  constructor(readonly tooLarge = false) {
    super('bad number');
  }
}

function parseBusyboxNumber(text: string): number {
  const match = /^(\d+)(.*)$/s.exec(text);
  if (!match || !(match[2]! in busyboxSuffixes)) throw new BadNumber();
  const value = Number(match[1]) * busyboxSuffixes[match[2]!]!;
  if (!Number.isSafeInteger(value)) throw new BadNumber(true);
  return value;
}

function parseGnuNumber(text: string): number {
  const product = /^([^x]+)x([^x]+)$/.exec(text);
  if (product) return checkedProduct(parseGnuNumber(product[1]!), parseGnuNumber(product[2]!));
  const match = /^\+?(\d+)(.*)$/s.exec(text);
  if (!match) throw new BadNumber();
  const suffix = match[2]!;
  let multiplier: number;
  if (suffix === '') multiplier = 1;
  else if (suffix === 'c') multiplier = 1;
  else if (suffix === 'w') multiplier = 2;
  else if (suffix === 'b') multiplier = 512;
  else {
    const letter = suffix[0]!;
    const power = letter === 'k' ? 1 : gnuPowers.indexOf(letter) + 1;
    if (power === 0) throw new BadNumber();
    const rest = suffix.slice(1);
    let base: number;
    if (rest === '' || rest === 'iB') base = 1024;
    else if (rest === 'B' || rest === 'D') base = 1000;
    else throw new BadNumber();
    multiplier = base ** power;
  }
  return checkedProduct(Number(match[1]), multiplier);
}

function checkedProduct(a: number, b: number): number {
  const value = a * b;
  if (!Number.isSafeInteger(value)) throw new BadNumber(true);
  return value;
}

/** `'name'` as coreutils quotes file names in messages. */
function quoted(name: string): string {
  if (name.includes("'") && !/["$`\\]/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, "'\\''")}'`;
}

/** A name in a message where coreutils quotes only names that need it. */
function maybeQuoted(name: string): string {
  return /^[\w./+,:@%^-]+$/.test(name) ? name : quoted(name);
}

function usageError(ctx: CommandContext, dialect: Dialect, text?: string): number {
  if (dialect === 'busybox') {
    if (text) printError(ctx, text);
    else ctx.io.stderr(busyboxUsage);
    return 1;
  }
  printError(ctx, text!);
  ctx.io.stderr(`Try '${ctx.argv[0]} --help' for more information.\n`);
  return 1;
}

function parseSettings(ctx: CommandContext, dialect: Dialect): Settings | number {
  const settings: Settings = { ibs: 512, obs: 512, bs: false, skip: 0, seek: 0, conv: new Set(), iflag: new Set(), oflag: new Set() };
  const words = dialect === 'busybox' ? busyboxWords : gnuWords;
  const keys = ['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'iflag', 'oflag', 'status'];
  if (dialect === 'gnu') keys.push('cbs', 'iseek', 'oseek');
  let endOfOptions = false;
  for (const arg of ctx.argv.slice(1)) {
    if (arg === '--' && !endOfOptions) {
      endOfOptions = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const key = equals < 0 ? arg : arg.slice(0, equals);
    if (equals < 0 || !keys.includes(key)) {
      if (dialect === 'busybox') return usageError(ctx, dialect);
      if (arg.startsWith('-') && arg.length > 1 && !endOfOptions) {
        if (arg.startsWith('--')) return usageError(ctx, dialect, `unrecognized option '${arg}'`);
        return usageError(ctx, dialect, `invalid option -- '${arg[1]}'`);
      }
      return usageError(ctx, dialect, `unrecognized operand ${quoted(arg)}`);
    }
    const value = arg.slice(equals + 1);
    if (key === 'if') settings.input = value;
    else if (key === 'of') settings.output = value;
    else if (key === 'conv' || key === 'iflag' || key === 'oflag' || key === 'status') {
      const allowed: string[] = words[key];
      for (const word of key === 'status' ? [value] : value.split(',')) {
        if (allowed.includes(word)) {
          if (key === 'status') settings.status = word;
          else settings[key].add(word);
          continue;
        }
        if (dialect === 'busybox') {
          printError(ctx, `invalid argument '${word}' to '${key}'`);
          return 1;
        }
        return usageError(ctx, dialect, `${gnuWordErrors[key]}: ${quoted(word)}`);
      }
    } else {
      let number: number;
      try {
        number = dialect === 'busybox' ? parseBusyboxNumber(value) : parseGnuNumber(value);
      } catch (error) {
        if (!(error instanceof BadNumber)) throw error;
        if (dialect === 'busybox') printError(ctx, `invalid number '${value}'`);
        else printError(ctx, `invalid number: ${quoted(value)}${error.tooLarge ? ': Value too large for defined data type' : ''}`);
        return 1;
      }
      if ((key === 'bs' || key === 'ibs' || key === 'obs') && number === 0) {
        printError(ctx, dialect === 'busybox' ? `number 0 is not in 1..9223372036854775807 range` : `invalid number: ${quoted(value)}`);
        return 1;
      }
      if (key === 'bs') {
        settings.ibs = settings.obs = number;
        settings.bs = true;
      } else if (key === 'ibs') settings.ibs = number;
      else if (key === 'obs') settings.obs = number;
      else if (key === 'count') settings.count = number;
      else if (key === 'skip' || key === 'iseek') settings.skip = number;
      else if (key === 'seek' || key === 'oseek') settings.seek = number;
    }
  }
  // busybox reblocks only when the sizes differ; GNU whenever bs= is absent.
  if (dialect === 'busybox') settings.bs = settings.ibs === settings.obs;
  return settings;
}

/** What a run moves: NUL bytes (from /dev/zero) or text, counted in bytes. */
type Chunk = { zeros: number } | { text: string };

function chunkBytes(chunk: Chunk): number {
  return 'zeros' in chunk ? chunk.zeros : utf8Length(chunk.text);
}

/** The part of `text` from byte `start` up to byte `end` (characters are not split). */
function sliceBytes(text: string, start: number, end = Infinity): string {
  if (utf8Length(text) === text.length) return text.slice(start, end);
  let bytes = 0;
  let from = text.length;
  let to = text.length;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= start && from === text.length) from = i;
    if (bytes >= end) {
      to = i;
      break;
    }
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : 3;
    if (code >= 0xd800 && code <= 0xdbff) i++;
  }
  return text.slice(from, to);
}

function chunkPart(chunk: Chunk, start: number, length: number): Chunk {
  return 'zeros' in chunk ? { zeros: length } : { text: sliceBytes(chunk.text, start, start + length) };
}

function chunkText(chunk: Chunk, limit = Infinity): string {
  return 'zeros' in chunk ? '\0'.repeat(Math.min(chunk.zeros, limit)) : chunk.text;
}

/** Where the output goes. */
type Target = { kind: 'stdout' } | { kind: 'stderr' } | { kind: 'null' } | { kind: 'full' } | { kind: 'file'; path: string };

function outputTarget(path: string | undefined): Target {
  if (path === undefined || path === '/dev/stdout') return { kind: 'stdout' };
  if (path === '/dev/stderr') return { kind: 'stderr' };
  if (path === '/dev/null' || path === '/dev/zero') return { kind: 'null' };
  if (path === '/dev/full') return { kind: 'full' };
  return { kind: 'file', path };
}

interface WriteResult {
  written: number;
  error?: FsError;
}

/** Appends `count` NULs, compactly where the filesystem can. */
function appendZeros(ctx: CommandContext, path: string, count: number): void {
  if (ctx.fs.writeZeros) {
    ctx.fs.writeZeros(path, count, { append: true });
    return;
  }
  const block = '\0'.repeat(Math.min(count, zeroStringChunk));
  for (let left = count; left > 0; left -= block.length) ctx.fs.writeFile(path, left >= block.length ? block : block.slice(0, left), { append: true });
}

function appendChunk(ctx: CommandContext, path: string, chunk: Chunk): void {
  if ('zeros' in chunk) appendZeros(ctx, path, chunk.zeros);
  else ctx.fs.writeFile(path, chunk.text, { append: true });
}

function fileSize(ctx: CommandContext, path: string): number {
  return ctx.fs.stat(path)?.size ?? 0;
}

/**
 * Appends `total` bytes of `chunk` to the file. When the filesystem fills up, as much as fits is
 * written (the kernel's short write before ENOSPC): a failed write changes nothing, so halving
 * the size tried finds the room left in a few dozen calls.
 */
function appendAsMuchAsFits(ctx: CommandContext, path: string, chunk: Chunk, total: number): WriteResult {
  const base = fileSize(ctx, path);
  let written = 0;
  let step = total;
  while (written < total) {
    const length = Math.min(step, total - written);
    try {
      appendChunk(ctx, path, chunkPart(chunk, written, length));
      written += length;
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      written = Math.max(0, fileSize(ctx, path) - base);
      if (error.code !== 'ENOSPC' || length <= 1) return { written, error };
      step = Math.floor(length / 2);
    }
  }
  return { written };
}

/** Sets the file's size: cuts it, or extends it with NULs (ftruncate). */
function truncateTo(ctx: CommandContext, path: string, size: number): void {
  const current = fileSize(ctx, path);
  if (current < size) appendZeros(ctx, path, size - current);
  else if (current > size) ctx.fs.writeFile(path, sliceBytes(ctx.fs.readFile(path), 0, size));
}

/** Writes the chunk at byte `offset` of the file. */
function writeFileAt(ctx: CommandContext, path: string, offset: number, chunk: Chunk, total: number): WriteResult {
  const size = fileSize(ctx, path);
  if (offset >= size) {
    try {
      if (offset > size) appendZeros(ctx, path, offset - size);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      return { written: 0, error };
    }
    return appendAsMuchAsFits(ctx, path, chunk, total);
  }
  // Overwriting inside the file (conv=notrunc, seek=): rebuild its content.
  try {
    const content = ctx.fs.readFile(path);
    const data = chunkText(chunk);
    ctx.fs.writeFile(path, sliceBytes(content, 0, offset) + data + sliceBytes(content, offset + total));
    return { written: total };
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return { written: 0, error };
  }
}

// ---- the summary ----

/** Virtual duration of a copy, in nanoseconds. */
function durationNs(bytes: number): number {
  return startupNs + Math.round(bytes / bytesPerNs);
}

/** printf's %g: six significant digits, trailing zeros dropped, exponent form outside 1e-4..1e6. */
export function formatG(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponentText] = value.toExponential(5).split('e') as [string, string];
  const exponent = Number(exponentText);
  const strip = (text: string): string => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  if (exponent < -4 || exponent >= 6) return `${strip(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return strip(value.toFixed(5 - exponent));
}

/**
 * coreutils' human-readable size (autoscale, round to nearest, space before the unit, a B
 * after it): `amount` in units of `fromBlock` bytes, shown in units of `toBlock`. One digit
 * after the point below 10; `kB`/`MB` for base 1000, `KiB`/`MiB` for 1024.
 */
export function gnuHumanSize(amount: number, base: 1000 | 1024, fromBlock = 1, toBlock = 1): string {
  const maxExponent = gnuPowers.length;
  let exponent = 0;
  let digits: string;
  let exact: { amount: number; tenths: number; rounding: number } | undefined;
  if (toBlock <= fromBlock) {
    if (fromBlock % toBlock === 0 && Number.isSafeInteger(amount * (fromBlock / toBlock))) exact = { amount: amount * (fromBlock / toBlock), tenths: 0, rounding: 0 };
  } else if (toBlock % fromBlock === 0) {
    // Dividing: keep the tenths digit and whether the rest is below, at or above a half.
    const divisor = toBlock / fromBlock;
    const r10 = (amount % divisor) * 10;
    const r2 = (r10 % divisor) * 2;
    exact = { amount: Math.floor(amount / divisor), tenths: Math.floor(r10 / divisor), rounding: r2 < divisor ? (r2 > 0 ? 1 : 0) : divisor < r2 ? 3 : 2 };
  }
  if (exact) {
    let { amount: whole, tenths, rounding } = exact;
    let fraction = '';
    if (base <= whole) {
      do {
        const r10 = (whole % base) * 10 + tenths;
        const r2 = (r10 % base) * 2 + (rounding >> 1);
        whole = Math.floor(whole / base);
        tenths = Math.floor(r10 / base);
        rounding = r2 < base ? (r2 + rounding !== 0 ? 1 : 0) : base < r2 + rounding ? 3 : 2;
        exponent++;
      } while (base <= whole && exponent < maxExponent);
      if (whole < 10) {
        if (rounding + (tenths & 1) > 2) {
          tenths++;
          rounding = 0;
          if (tenths === 10) {
            whole++;
            tenths = 0;
          }
        }
        if (whole < 10) {
          fraction = `.${tenths}`;
          tenths = rounding = 0;
        }
      }
    }
    if (tenths + (rounding + (whole & 1) > 0 ? 1 : 0) > 5) {
      whole++;
      if (whole === base && exponent < maxExponent) {
        exponent++;
        fraction = '.0';
        whole = 1;
      }
    }
    digits = `${whole}${fraction}`;
  } else {
    let value = (amount * fromBlock) / toBlock;
    let scale = 1;
    do {
      scale *= base;
      exponent++;
    } while (scale * base <= value && exponent < maxExponent);
    value /= scale;
    digits = value.toFixed(1);
    if (digits.length > (base === 1000 ? 4 : 3)) digits = value.toFixed(0);
  }
  if (exponent === 0) return `${digits} B`;
  const letter = base === 1000 && exponent === 1 ? 'k' : gnuPowers[exponent - 1];
  return `${digits} ${letter}${base === 1024 ? 'iB' : 'B'}`;
}

/** busybox's make_human_readable_str(value, 1, 0): `100`, `1.0K`, `200.0M`. */
export function busyboxHumanSize(value: number): string {
  if (value === 0) return '0';
  let unit = 0;
  let tenth = 0;
  while (value >= 1024) {
    tenth = Math.floor(((value % 1024) * 10 + 512) / 1024);
    value = Math.floor(value / 1024);
    unit++;
  }
  if (tenth >= 10) {
    value++;
    tenth = 0;
  }
  return unit === 0 ? String(value) : `${value}.${tenth}${'KMGTPEZY'[unit - 1]}`;
}

/** The transfer line of the summary (the third one). */
export function transferLine(dialect: Dialect, bytes: number): string {
  const ns = durationNs(bytes);
  if (dialect === 'busybox') {
    const seconds = Math.round(ns / 1000) / 1_000_000;
    return `${bytes} bytes (${busyboxHumanSize(bytes)}B) copied, ${seconds.toFixed(6)} seconds, ${busyboxHumanSize(Math.floor(bytes / seconds))}B/s\n`;
  }
  const si = gnuHumanSize(bytes, 1000);
  const iec = gnuHumanSize(bytes, 1024);
  const rest = `copied, ${formatG(ns / 1e9)} s, ${gnuHumanSize(bytes, 1000, 1e9, ns)}/s\n`;
  // A size without a prefix (`999 B`) is not repeated in brackets.
  if (si.endsWith(' B')) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'} ${rest}`;
  if (iec.endsWith(' B')) return `${bytes} bytes (${si}) ${rest}`;
  return `${bytes} bytes (${si}, ${iec}) ${rest}`;
}

interface Records {
  inFull: number;
  inPartial: number;
  outFull: number;
  outPartial: number;
}

function blocks(bytes: number, size: number): [number, number] {
  return [Math.floor(bytes / size), bytes % size > 0 ? 1 : 0];
}

/**
 * Record counts and the error wording when `total` bytes were to be copied (Infinity: endless)
 * and only `written` were, as dd counts them reading `ibs` and writing `obs` at a time.
 */
function countRecords(settings: Settings, dialect: Dialect, total: number, written: number, failed: boolean): { records: Records; failedWhole: boolean } {
  const { ibs, obs } = settings;
  if (!failed) {
    const [inFull, inPartial] = blocks(total, ibs);
    const [outFull, outPartial] = settings.bs ? [inFull, inPartial] : blocks(total, obs);
    return { records: { inFull, inPartial, outFull, outPartial }, failedWhole: false };
  }
  if (settings.bs) {
    // Each block read is written as it is; the block whose write failed was read but not counted out.
    const index = Math.floor(written / ibs);
    const length = Math.min(ibs, total - index * ibs);
    return { records: { inFull: index + (length === ibs ? 1 : 0), inPartial: length === ibs ? 0 : 1, outFull: index, outPartial: 0 }, failedWhole: false };
  }
  // Reblocking: output blocks of obs are written as input fills them; the last one at the end.
  const index = Math.floor(written / obs);
  const blockEnd = (index + 1) * obs;
  const failedWhole = blockEnd <= total;
  const read = failedWhole ? Math.min(total, Math.ceil(blockEnd / ibs) * ibs) : total;
  const [inFull, inPartial] = blocks(read, ibs);
  const outPartial = dialect === 'gnu' && written > index * obs ? 1 : 0;
  return { records: { inFull, inPartial, outFull: index, outPartial }, failedWhole };
}

function printSummary(ctx: CommandContext, dialect: Dialect, settings: Settings, records: Records, bytes: number): void {
  if (settings.status === 'none') return;
  let text = `${records.inFull}+${records.inPartial} records in\n${records.outFull}+${records.outPartial} records out\n`;
  if (settings.status !== 'noxfer') text += transferLine(dialect, bytes);
  ctx.io.stderr(text);
}

// ---- the command ----

const zeroDevices = ['/dev/zero', '/dev/full', '/dev/urandom', '/dev/random'];

export function dd(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const settings = parseSettings(ctx, dialect);
    if (typeof settings === 'number') return settings;
    const gnu = dialect === 'gnu';
    if (gnu && settings.oflag.has('append') && !settings.conv.has('notrunc')) printError(ctx, 'you probably want conv=notrunc with oflag=append');
    const openFailed = (name: string, error: unknown): number => {
      printError(ctx, gnu ? `failed to open ${quoted(name)}: ${errorText(error)}` : `can't open '${name}': ${errorText(error)}`);
      return 1;
    };

    // Open the input: it must exist (a directory fails later, when read).
    const inputName = settings.input ?? 'standard input';
    const inputPath = settings.input === undefined ? undefined : absolute(ctx, settings.input);
    const zeros = inputPath !== undefined && zeroDevices.includes(inputPath);
    if (inputPath !== undefined && !zeros && inputPath !== '/dev/null' && inputPath !== '/dev/stdin' && !ctx.fs.stat(inputPath)) {
      return openFailed(settings.input!, new FsError('ENOENT', inputPath));
    }

    // Open the output: created, and cut unless notrunc or seek= (seek cuts at the seek point).
    const outputName = settings.output ?? 'standard output';
    const outputPath = settings.output === undefined ? undefined : absolute(ctx, settings.output);
    const target = outputTarget(outputPath);
    const seekBytes = settings.seek * (settings.oflag.has('seek_bytes') ? 1 : settings.obs);
    if (target.kind === 'file') {
      const path = target.path;
      const exists = ctx.fs.stat(path) !== undefined;
      if (settings.conv.has('excl') && exists) return openFailed(settings.output!, new FsError('EEXIST', path));
      if (settings.conv.has('nocreat') && !exists) return openFailed(settings.output!, new FsError('ENOENT', path));
      const cut = settings.seek === 0 && !settings.conv.has('notrunc');
      try {
        ctx.fs.writeFile(path, '', { append: !cut });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        return openFailed(settings.output!, error);
      }
      if (settings.seek > 0 && !settings.conv.has('notrunc')) {
        try {
          truncateTo(ctx, path, seekBytes);
        } catch (error) {
          if (!(error instanceof FsError)) throw error;
          printError(ctx, gnu ? `failed to truncate to ${seekBytes} bytes in output file ${quoted(settings.output!)}: ${errorText(error)}` : `${settings.output}: ${errorText(error)}`);
          return 1;
        }
      }
    }

    // Read the input.
    let source: Chunk;
    if (zeros) source = { zeros: Infinity };
    else if (inputPath === '/dev/null') source = { text: '' };
    else if (inputPath === undefined || inputPath === '/dev/stdin') source = { text: ctx.io.stdin };
    else {
      try {
        source = { text: ctx.fs.readFile(inputPath) };
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        if (!gnu) {
          printError(ctx, `${settings.input}: ${errorText(error)}`);
          return 1;
        }
        printError(ctx, `error reading ${quoted(settings.input!)}: ${errorText(error)}`);
        printSummary(ctx, dialect, settings, { inFull: 0, inPartial: 0, outFull: 0, outPartial: 0 }, 0);
        return 1;
      }
    }

    // How much to copy: what is left after skip=, at most count= blocks (or bytes).
    const skipBytes = settings.skip * (settings.iflag.has('skip_bytes') ? 1 : settings.ibs);
    let available = Infinity;
    if ('text' in source) {
      const length = utf8Length(source.text);
      if (skipBytes > length && gnu) printError(ctx, `${maybeQuoted(inputName)}: cannot skip to specified offset`);
      available = Math.max(0, length - skipBytes);
      if (skipBytes > 0) source = { text: sliceBytes(source.text, skipBytes) };
    }
    const wanted = settings.count === undefined ? Infinity : settings.iflag.has('count_bytes') ? settings.count : settings.count * settings.ibs;
    let total = Math.min(available, wanted);

    // Write.
    let result: WriteResult;
    if (target.kind === 'stdout' || target.kind === 'stderr') {
      if (total === Infinity) total = endlessStdoutBytes;
      (target.kind === 'stdout' ? ctx.io.stdout : ctx.io.stderr)(chunkText(chunkPart(source, 0, total), stdoutLimit));
      result = { written: total };
    } else if (target.kind === 'null') {
      if (total === Infinity) total = endlessNullBytes;
      result = { written: total };
    } else if (target.kind === 'full') {
      result = { written: 0, error: new FsError('ENOSPC', '/dev/full') };
    } else {
      const offset = settings.oflag.has('append') ? fileSize(ctx, target.path) : seekBytes;
      const length = Math.min(total, endlessFileBytes);
      result = length > 0 ? writeFileAt(ctx, target.path, offset, chunkPart(source, 0, length), length) : { written: 0 };
      // The simulated node's disk is full.
      if (!result.error && length < total) result = { written: length, error: new FsError('ENOSPC', target.path) };
    }

    const { records, failedWhole } = countRecords(settings, dialect, total, result.written, result.error !== undefined);
    if (result.error) {
      const what = gnu ? (failedWhole ? 'writing to' : 'error writing') + ` ${quoted(outputName)}` : `error writing '${outputName}'`;
      printError(ctx, `${what}: ${errorText(result.error)}`);
    }
    printSummary(ctx, dialect, settings, records, result.written);
    return result.error ? 1 : 0;
  };
}
