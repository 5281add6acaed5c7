// The ustar archive layout that `tar` writes and reads, and that `kubectl cp` streams through a
// container's tar: 512-byte headers, contents padded to 512. In the simulation a byte is one
// character of a string.

export interface Member {
  name: string;
  dir: boolean;
  data: string;
  mode: number;
  mtime: number;
}

const block = 512;

function field(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, '\0');
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(member: Member): string {
  const fields = (checksum: string) =>
    field(member.name, 100) + octal(member.mode, 8) + octal(0, 8) + octal(0, 8) + octal(member.dir ? 0 : member.data.length, 12) +
    octal(Math.floor(member.mtime / 1000), 12) + checksum + (member.dir ? '5' : '0') + field('', 100) + field('ustar', 6) + '00' +
    field('root', 32) + field('root', 32) + field('', 8) + field('', 8) + field('', 155);
  const blank = fields('        ');
  let sum = 0;
  for (let i = 0; i < blank.length; i++) sum += blank.charCodeAt(i) & 0xff;
  return field(fields(`${sum.toString(8).padStart(6, '0')}\0 `), block);
}

export function writeArchive(members: Member[]): string {
  let out = '';
  for (const member of members) {
    out += header(member);
    if (!member.dir) out += member.data + '\0'.repeat((block - (member.data.length % block)) % block);
  }
  return out + '\0'.repeat(block * 2);
}

export function readArchive(archive: string): Member[] | undefined {
  const members: Member[] = [];
  for (let at = 0; at + block <= archive.length; ) {
    const head = archive.slice(at, at + block);
    if (/^\0*$/.test(head)) break;
    if (head.slice(257, 262) !== 'ustar') return undefined;
    const text = (from: number, width: number) => head.slice(from, from + width).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12) || '0', 8);
    const dir = head[156] === '5';
    at += block;
    members.push({ name: text(0, 100), dir, data: dir ? '' : archive.slice(at, at + size), mode: parseInt(text(100, 8) || '644', 8), mtime: parseInt(text(136, 12) || '0', 8) * 1000 });
    if (!dir) at += Math.ceil(size / block) * block;
  }
  return members;
}
