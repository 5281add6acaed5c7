// The users and groups of images, as their /etc/passwd and /etc/group list them, and how a USER
// written in an image (a name, a uid, either with `:group`) becomes the ids its processes run as.

import { memoizeByText } from '../../memo';

/** What of an image these read: its files (/etc/passwd, /etc/group). */
type ImageFiles = { files: Record<string, string> };

/** Debian bookworm's base users (base-passwd), which the official Debian-based images start from. */
const debianPasswd =
  'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\n' +
  'sync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n' +
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\n' +
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n' +
  'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const debianGroup =
  'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\n' +
  'dialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\n' +
  'list:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n';

/** Oracle Linux 9's base users and groups (the official mysql image is built on it). */
const oracleLinuxPasswd =
  'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nadm:x:3:4:adm:/var/adm:/sbin/nologin\n' +
  'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\n' +
  'mail:x:8:12:mail:/var/spool/mail:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\ngames:x:12:100:games:/usr/games:/sbin/nologin\n' +
  'ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n';
const oracleLinuxGroup =
  'root:x:0:\nbin:x:1:\ndaemon:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmem:x:8:\nkmem:x:9:\nwheel:x:10:\ncdrom:x:11:\nmail:x:12:\nman:x:15:\n' +
  'dialout:x:18:\nfloppy:x:19:\ngames:x:20:\ntape:x:33:\nvideo:x:39:\nftp:x:50:\nlock:x:54:\naudio:x:63:\nusers:x:100:\nnobody:x:65534:\n';

/**
 * The files of an image whose Dockerfile adds one system user and its group with the same id
 * (`groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis`), with the home and the shell
 * useradd gives it: /bin/sh on Debian, /bin/bash on Oracle Linux.
 */
function withServiceUser(passwd: string, group: string, name: string, id: number, home: string, shell: string): Record<string, string> {
  return { '/etc/passwd': `${passwd}${name}:x:${id}:${id}::${home}:${shell}\n`, '/etc/group': `${group}${name}:x:${id}:\n` };
}

export function debianServiceUser(name: string, id: number, home: string, shell = '/bin/sh'): Record<string, string> {
  return withServiceUser(debianPasswd, debianGroup, name, id, home, shell);
}

/** On Oracle Linux (the official mysql image). */
export function oracleLinuxServiceUser(name: string, id: number, home: string): Record<string, string> {
  return withServiceUser(oracleLinuxPasswd, oracleLinuxGroup, name, id, home, '/bin/bash');
}

/** An /etc/passwd or /etc/group as fields per line, split once per text: every container start reads them. */
const splitEntries = memoizeByText((text) => text.split('\n').filter(Boolean).map((line) => line.split(':')), 256);

function entries(text: string | undefined): readonly string[][] {
  return splitEntries(text ?? '');
}

/** An /etc/passwd entry of the image by name or uid: [name, x, uid, gid, gecos, home, shell]. */
function passwdEntry(image: ImageFiles, user: string): string[] | undefined {
  const all = entries(image.files['/etc/passwd']);
  return all.find((fields) => fields[0] === user) ?? (/^\d+$/.test(user) ? all.find((fields) => fields[2] === user) : undefined);
}

/**
 * The uid and gid a user as an image or the runtime names it (`curl_user`, `999`, `1000:3000`,
 * `redis:redis`) runs as, as containerd looks it up: a name through the image's /etc/passwd (and a
 * group's through /etc/group), a bare uid with the gid its passwd entry gives it, else 0.
 * Undefined for a name the image does not list.
 */
export function resolveImageUser(image: ImageFiles, user: string): { uid: number; gid: number } | undefined {
  const [userPart, groupPart] = user.split(':');
  const entry = passwdEntry(image, userPart);
  let uid: number;
  if (/^\d+$/.test(userPart)) uid = Number(userPart);
  else if (entry) uid = Number(entry[2]);
  else return undefined;
  if (groupPart === undefined) return { uid, gid: entry ? Number(entry[3]) : 0 };
  if (/^\d+$/.test(groupPart)) return { uid, gid: Number(groupPart) };
  const group = entries(image.files['/etc/group']).find((fields) => fields[0] === groupPart);
  return group ? { uid, gid: Number(group[2]) } : undefined;
}

/** The groups whose member list in the image's /etc/group names the user with this uid. */
export function imageGroupsOf(image: ImageFiles, uid: number): number[] {
  const name = passwdEntry(image, String(uid))?.[0];
  if (!name) return [];
  return entries(image.files['/etc/group'])
    .filter((fields) => fields.length >= 4 && fields[3].split(',').includes(name))
    .map((fields) => Number(fields[2]));
}

/**
 * The HOME runc gives a process that has none in its environment: the home its user's /etc/passwd
 * entry names, else `/` (root's is /root in every image).
 */
export function homeOf(image: ImageFiles, uid: number): string {
  return passwdEntry(image, String(uid))?.[5] || (uid === 0 ? '/root' : '/');
}
