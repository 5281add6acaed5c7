// Everything `lab exam` says, in both languages.

import type { Language } from './localised';

export interface ExamTexts {
  usage: string;
  unknownSubcommand(name: string): string;
  noExams: string;
  tasksCount(count: number): string;
  minutes(count: number): string;
  lastResults: string;
  unknownExam(id: string): string;
  missingExamId: string;
  badSeed(value: string): string;
  alreadyRunning(id: string): string;
  noExamRunning: string;
  started(id: string, title: string): string;
  overview(tasks: number, points: number, minutes: number): string;
  rules: string;
  startProblems: string;
  taskLine(number: number, title: string, weight: number): string;
  taskHeading(number: number, total: number, title: string, weight: number): string;
  badTaskNumber(value: string, total: number): string;
  missingTaskNumber(verb: string): string;
  flagged(number: number): string;
  unflagged(number: number): string;
  timeLeft(clock: string): string;
  timeLeftPaused(clock: string): string;
  statusLine(id: string, clock: string): string;
  practice: string;
  paused: string;
  resumed(clock: string): string;
  alreadyPaused: string;
  notPaused: string;
  pauseOnlyPractice: string;
  statusLegend: string;
  timeIsUp: string;
  finishedHeading(id: string, title: string, duration: string): string;
  taskScore(number: number, title: string, points: number, weight: number): string;
  referenceSolution: string;
  score(points: number, total: number, percent: number): string;
  allViewed: string;
}

const en: ExamTexts = {
  usage: [
    'Timed exams: tasks with points, on one cluster, graded when you finish.',
    '',
    'Usage:',
    '  lab exam list               List the exams and your past scores',
    '  lab exam start <exam>       Reset the cluster and start an exam (the clock starts)',
    '         [--practice]         a practice attempt: its countdown can be paused',
    '         [--seed N]           draw the names and numbers of attempt N again',
    '  lab exam task N             Show task N (any order)',
    '  lab exam next               Show the next task',
    '  lab exam flag N             Flag task N to come back to (unflag N removes the flag)',
    '  lab exam pause|resume       Pause or resume the countdown of a practice attempt',
    '  lab exam status             Time left and the tasks',
    '  lab exam finish             Grade every task and show the breakdown',
  ].join('\n'),
  unknownSubcommand: (name) => `lab exam: unknown command "${name}"\nRun 'lab exam help' for usage.`,
  noExams: 'No exams are installed.',
  tasksCount: (count) => `${count} ${count === 1 ? 'task' : 'tasks'}`,
  minutes: (count) => `${count} min`,
  lastResults: 'results:',
  unknownExam: (id) => `lab exam: unknown exam "${id}"\nRun 'lab exam list' to see the exams.`,
  missingExamId: "lab exam start: missing exam id\nRun 'lab exam list' to see the exams.",
  badSeed: (value) => `lab exam start: --seed needs a whole number, not "${value}"`,
  alreadyRunning: (id) => `lab exam start: the exam ${id} is running. 'lab exam finish' ends it first.`,
  noExamRunning: "No exam is running. 'lab exam list' shows the exams, 'lab exam start <exam>' starts one.",
  started: (id, title) => `Exam ${id}: ${title}`,
  overview: (tasks, points, minutes) => `${tasks} ${tasks === 1 ? 'task' : 'tasks'}, ${points} ${points === 1 ? 'point' : 'points'}, ${minutes} minutes. The clock is running.`,
  rules: "No hints or solutions until you finish. Do the tasks in any order: 'lab exam task N' shows one, 'lab exam flag N' marks it to come back to, 'lab exam finish' grades your work.",
  startProblems: 'Some of the starting state could not be set up:',
  taskLine: (number, title, weight) => `${String(number).padStart(2)}. ${title} (${weight} ${weight === 1 ? 'point' : 'points'})`,
  taskHeading: (number, total, title, weight) => `Task ${number} of ${total}: ${title} (${weight} ${weight === 1 ? 'point' : 'points'})`,
  badTaskNumber: (value, total) => `lab exam: "${value}" is not a task number (1-${total})`,
  missingTaskNumber: (verb) => `lab exam ${verb}: missing task number`,
  flagged: (number) => `Task ${number} flagged.`,
  unflagged: (number) => `Task ${number} no longer flagged.`,
  timeLeft: (clock) => `Time left: ${clock}`,
  timeLeftPaused: (clock) => `Time left: ${clock} (paused)`,
  statusLine: (id, clock) => `Exam: ${id}, ${clock} left ('lab exam status')`,
  practice: "Practice mode: 'lab exam pause' stops the countdown, 'lab exam resume' lets it run on.",
  paused: "Countdown paused. 'lab exam resume' lets it run on.",
  resumed: (clock) => `Countdown running: ${clock} left.`,
  alreadyPaused: 'lab exam pause: the countdown is already paused',
  notPaused: 'lab exam resume: the countdown is not paused',
  pauseOnlyPractice: "lab exam pause: an exam's countdown does not stop; start with --practice for one that does",
  statusLegend: '⚑ flagged, ▶ opened, · not opened yet',
  timeIsUp: 'Time is up: the exam is graded as it stands.',
  finishedHeading: (id, title, duration) => `Exam ${id}: ${title}, finished after ${duration}`,
  taskScore: (number, title, points, weight) => `Task ${number}: ${title}: ${points}/${weight} ${weight === 1 ? 'point' : 'points'}`,
  referenceSolution: 'Reference solution:',
  score: (points, total, percent) => `score: ${points}/${total} points (${percent}%)`,
  allViewed: "That was the last task. 'lab exam status' shows them all.",
};

const zh: ExamTexts = {
  usage: [
    '限时考试：每道题有分值，全部在同一个集群上完成，交卷时评分。',
    '',
    '用法：',
    '  lab exam list               列出考试和你以往的成绩',
    '  lab exam start <考试>       重置集群并开始考试（开始计时）',
    '         [--practice]         练习模式：可以暂停倒计时',
    '         [--seed N]           重新抽取第 N 次考试的名字和数值',
    '  lab exam task N             显示第 N 题（顺序不限）',
    '  lab exam next               显示下一题',
    '  lab exam flag N             标记第 N 题，稍后再做（unflag N 取消标记）',
    '  lab exam pause|resume       暂停或继续练习模式的倒计时',
    '  lab exam status             剩余时间和题目列表',
    '  lab exam finish             交卷：为每道题评分并显示明细',
  ].join('\n'),
  unknownSubcommand: (name) => `lab exam: 未知命令 "${name}"\n运行 'lab exam help' 查看用法。`,
  noExams: '没有安装任何考试。',
  tasksCount: (count) => `${count} 道题`,
  minutes: (count) => `${count} 分钟`,
  lastResults: '成绩：',
  unknownExam: (id) => `lab exam: 未知考试 "${id}"\n运行 'lab exam list' 查看所有考试。`,
  missingExamId: "lab exam start: 缺少考试 id\n运行 'lab exam list' 查看所有考试。",
  badSeed: (value) => `lab exam start: --seed 需要一个整数，而不是 "${value}"`,
  alreadyRunning: (id) => `lab exam start: 考试 ${id} 正在进行。请先用 'lab exam finish' 结束它。`,
  noExamRunning: "没有正在进行的考试。'lab exam list' 列出考试，'lab exam start <考试>' 开始考试。",
  started: (id, title) => `考试 ${id}：${title}`,
  overview: (tasks, points, minutes) => `共 ${tasks} 道题，${points} 分，${minutes} 分钟。计时已开始。`,
  rules: "交卷前没有提示和参考答案。题目顺序不限：'lab exam task N' 显示一道题，'lab exam flag N' 标记它以便回头再做，'lab exam finish' 交卷评分。",
  startProblems: '部分初始状态未能设置：',
  taskLine: (number, title, weight) => `${String(number).padStart(2)}. ${title}（${weight} 分）`,
  taskHeading: (number, total, title, weight) => `第 ${number}/${total} 题：${title}（${weight} 分）`,
  badTaskNumber: (value, total) => `lab exam: "${value}" 不是题号（1-${total}）`,
  missingTaskNumber: (verb) => `lab exam ${verb}: 缺少题号`,
  flagged: (number) => `已标记第 ${number} 题。`,
  unflagged: (number) => `已取消第 ${number} 题的标记。`,
  timeLeft: (clock) => `剩余时间：${clock}`,
  timeLeftPaused: (clock) => `剩余时间：${clock}（已暂停）`,
  statusLine: (id, clock) => `考试：${id}，剩余 ${clock}（'lab exam status'）`,
  practice: "练习模式：'lab exam pause' 暂停倒计时，'lab exam resume' 继续计时。",
  paused: "倒计时已暂停。'lab exam resume' 继续计时。",
  resumed: (clock) => `倒计时继续：剩余 ${clock}。`,
  alreadyPaused: 'lab exam pause: 倒计时已经暂停',
  notPaused: 'lab exam resume: 倒计时没有暂停',
  pauseOnlyPractice: 'lab exam pause: 正式考试的倒计时不能暂停；用 --practice 开始可以暂停的练习',
  statusLegend: '⚑ 已标记，▶ 已打开，· 尚未打开',
  timeIsUp: '时间到：按当前状态评分。',
  finishedHeading: (id, title, duration) => `考试 ${id}：${title}，用时 ${duration}`,
  taskScore: (number, title, points, weight) => `第 ${number} 题：${title}：${points}/${weight} 分`,
  referenceSolution: '参考答案：',
  score: (points, total, percent) => `得分：${points}/${total} 分（${percent}%）`,
  allViewed: "这是最后一道题。'lab exam status' 列出所有题目。",
};

export function examTexts(language: Language): ExamTexts {
  return language === 'zh' ? zh : en;
}

/** `1:59:05` or `4:07`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
