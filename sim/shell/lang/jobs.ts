// The shell's jobs (`cmd &`): the table `jobs`, `wait`, `kill %n` and `$!` read, and what bash
// and ash (busybox, and dash, which shares its job code) print about them.

import { InputStream } from '../../process';
import { signalList, type Signal } from '../../signals';

export interface ShellJob {
  number: number;
  pid: number;
  /** The command as typed. */
  command: string;
  /** The exit status once it has ended: 128+n when signal n ended it. */
  status?: number;
  /** Closed when the job ends: what `wait` waits on. */
  readonly ended: InputStream;
  /** Delivers a signal to a job the shell steps itself, where the host has no processes to start. */
  signal?(signal: Signal): void;
}

/** Adds a job with the next number after the highest in use, as bash and ash number them. */
export function addJob(jobs: ShellJob[], pid: number, command: string): ShellJob {
  const number = jobs.reduce((highest, job) => Math.max(highest, job.number), 0) + 1;
  const job: ShellJob = { number, pid, command, ended: new InputStream() };
  jobs.push(job);
  return job;
}

export function endJob(job: ShellJob, status: number): void {
  if (job.status !== undefined) return;
  job.status = status;
  job.ended.close();
}

/** A job by `%n`, `%%`, `%+`, `%-` or `%name` (the job whose command starts with name), or by PID. */
export function findJob(jobs: ShellJob[], spec: string): ShellJob | undefined {
  if (!spec.startsWith('%')) return jobs.find((job) => String(job.pid) === spec);
  const rest = spec.slice(1);
  if (rest === '' || rest === '%' || rest === '+') return jobs[jobs.length - 1];
  if (rest === '-') return jobs[jobs.length - 2];
  if (/^\d+$/.test(rest)) return jobs.find((job) => job.number === Number(rest));
  return jobs.find((job) => job.command.startsWith(rest));
}

/** strsignal's words for the signals that end jobs. */
const signalWords: Partial<Record<Signal, string>> = {
  SIGHUP: 'Hangup', SIGINT: 'Interrupt', SIGQUIT: 'Quit', SIGILL: 'Illegal instruction', SIGTRAP: 'Trace/breakpoint trap',
  SIGABRT: 'Aborted', SIGBUS: 'Bus error', SIGFPE: 'Floating point exception', SIGKILL: 'Killed', SIGUSR1: 'User defined signal 1',
  SIGSEGV: 'Segmentation fault', SIGUSR2: 'User defined signal 2', SIGPIPE: 'Broken pipe', SIGALRM: 'Alarm clock', SIGTERM: 'Terminated',
};

function statusWord(job: ShellJob, bash: boolean): string {
  const status = job.status;
  if (status === undefined) return 'Running';
  if (status === 0) return 'Done';
  const signal = status > 128 ? signalList[status - 129] : undefined;
  if (signal) return signalWords[signal] ?? signal;
  return bash ? `Exit ${status}` : `Done(${status})`;
}

/**
 * A job's line in `jobs` and in the notice of its end: bash pads the status to 24 columns and
 * shows a running job's ` &`; ash pads the line to column 33.
 */
export function jobLine(job: ShellJob, jobs: ShellJob[], bash: boolean): string {
  const index = jobs.indexOf(job);
  const marker = index === jobs.length - 1 ? '+' : index === jobs.length - 2 ? '-' : ' ';
  const head = `[${job.number}]${marker}  ${statusWord(job, bash)}`;
  if (bash) return `[${job.number}]${marker}  ${statusWord(job, bash).padEnd(24)}${job.command}${job.status === undefined ? ' &' : ''}\n`;
  return `${head}${' '.repeat(Math.max(33 - head.length, 1))}${job.command}\n`;
}

/** An interactive shell tells of the jobs that ended, before its next prompt, and forgets them. */
export function reportEndedJobs(jobs: ShellJob[], bash: boolean, write: (text: string) => void): void {
  const ended = jobs.filter((job) => job.status !== undefined);
  for (const job of ended) write(jobLine(job, jobs, bash));
  forgetEnded(jobs);
}

export function forgetEnded(jobs: ShellJob[]): void {
  for (let index = jobs.length - 1; index >= 0; index--) if (jobs[index]!.status !== undefined) jobs.splice(index, 1);
}
