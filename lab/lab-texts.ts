// Everything the `lab` command says, in both languages.

import type { Language } from './localised';

export interface LabTexts {
  usage: string;
  unknownSubcommand(name: string): string;
  unknownExercise(id: string): string;
  missingExerciseId: string;
  noExercise: string;
  starting(id: string, lessonTitle: string, title: string): string;
  startProblems: string;
  checksPass(passed: number, total: number): string;
  complete: string;
  nextHint(id: string, title: string): string;
  courseFinished: string;
  hint(number: number, total: number): string;
  noHints: string;
  noMoreHints: string;
  solutionConfirm: string;
  solutionHeading: string;
  waitStep(seconds: number): string;
  writeStep(path: string): string;
  status(id: string, title: string, lessonTitle: string): string;
  statusNoExercise: string;
  statusCompleted(done: number, total: number): string;
  statusQuizzes(right: number, total: number): string;
  statusChecks(passed: number, total: number): string;
  statusDone: string;
  statusHints(count: number): string;
  statusSolution: string;
  languageSet: string;
  languageUsage: string;
  fileUsage(verb: 'export' | 'import'): string;
  exported(file: string): string;
  imported(file: string): string;
  importInvalid(file: string, problem: string): string;
  noSuchFile(file: string): string;
  saveFailed(problem: string): string;
  emptyCourse: string;
  quizLabel: string;
  quizHeading(id: string, lessonTitle: string): string;
  chooseOne: string;
  chooseSome: string;
  answerWith(id: string, multiple: boolean): string;
  answeredBefore(choices: string, correct: boolean): string;
  unknownQuiz(id: string): string;
  missingQuizId(verb: 'quiz' | 'answer'): string;
  missingChoices(id: string): string;
  badChoice(choice: string, count: number): string;
  oneChoiceOnly: string;
  correct: string;
  incorrect(id: string): string;
  notDuringExam(command: string): string;
}

const en: LabTexts = {
  usage: [
    'Work through the lessons and have your work checked.',
    '',
    'Usage:',
    '  lab list                  List lessons and exercises (✓ done, ▶ started, · not started)',
    '  lab start <exercise-id>   Reset the cluster and start an exercise',
    '  lab check                 Check your work',
    '  lab hint                  Show the next hint',
    '  lab solution [--yes]      Show the solution',
    '  lab reset                 Start the current exercise again',
    '  lab next                  Start the next exercise',
    '  lab quiz <quiz-id>        Show a quiz question and its options',
    '  lab answer <quiz-id> N,M  Answer a quiz with the numbers of your choices',
    '  lab status                Show the current exercise and your progress',
    '  lab export FILE           Save your progress to FILE',
    '  lab import FILE           Load your progress from FILE',
    '  lab lang en|zh            Choose the language',
    "  lab exam ...              Timed exams ('lab exam help')",
  ].join('\n'),
  unknownSubcommand: (name) => `lab: unknown command "${name}"\nRun 'lab help' for usage.`,
  unknownExercise: (id) => `lab: unknown exercise "${id}"\nRun 'lab list' to see the exercises.`,
  missingExerciseId: "lab start: missing exercise id\nRun 'lab list' to see the exercises.",
  noExercise: "No exercise started. Run 'lab list' and then 'lab start <exercise-id>'.",
  starting: (id, lessonTitle, title) => `Exercise ${id}: ${title} (${lessonTitle})`,
  startProblems: 'Some of the starting state could not be set up:',
  checksPass: (passed, total) => `${passed}/${total} checks pass`,
  complete: 'Exercise complete. Well done!',
  nextHint: (id, title) => `Next: ${title} (${id}). Run 'lab next' to start it.`,
  courseFinished: 'That was the last exercise: you have finished the course.',
  hint: (number, total) => `Hint ${number} of ${total}:`,
  noHints: 'This exercise has no hints.',
  noMoreHints: "No more hints. 'lab solution' shows the solution.",
  solutionConfirm: "This shows the complete solution, and your progress will record that you saw it.\nRun 'lab solution --yes' to see it.",
  solutionHeading: 'Solution:',
  waitStep: (seconds) => `# wait ${seconds} seconds`,
  writeStep: (path) => `# write ${path}:`,
  status: (id, title, lessonTitle) => `Exercise ${id}: ${title} (${lessonTitle})`,
  statusNoExercise: 'Exercise: none started',
  statusCompleted: (done, total) => `Completed: ${done} of ${total} exercises`,
  statusQuizzes: (right, total) => `Quizzes: ${right} of ${total} answered correctly`,
  statusChecks: (passed, total) => `Checks: ${passed}/${total} pass`,
  statusDone: 'This exercise is complete.',
  statusHints: (count) => `Hints used: ${count}`,
  statusSolution: 'Solution: revealed',
  languageSet: 'Language: English',
  languageUsage: 'Usage: lab lang en|zh',
  fileUsage: (verb) => `Usage: lab ${verb} FILE`,
  exported: (file) => `Progress saved to ${file}`,
  imported: (file) => `Progress loaded from ${file}`,
  importInvalid: (file, problem) => `lab import: ${file} is not Pod Lab progress: ${problem}`,
  noSuchFile: (file) => `lab import: ${file}: No such file or directory`,
  saveFailed: (problem) => `Warning: progress could not be saved: ${problem}`,
  emptyCourse: 'No lessons are installed.',
  quizLabel: 'Quiz',
  quizHeading: (id, lessonTitle) => `Quiz ${id} (${lessonTitle})`,
  chooseOne: 'Choose one answer.',
  chooseSome: 'Choose every answer that is right.',
  // A placeholder, not a number: an example number could be taken for a hint at the answer.
  answerWith: (id, multiple) => (multiple ? `Answer with 'lab answer ${id} N,N...', the numbers of your choices.` : `Answer with 'lab answer ${id} N', the number of your choice.`),
  answeredBefore: (choices, correct) => `Your last answer: ${choices} (${correct ? 'correct' : 'not correct'})`,
  unknownQuiz: (id) => `lab: unknown quiz "${id}"\nRun 'lab list' to see the quizzes.`,
  missingQuizId: (verb) => `lab ${verb}: missing quiz id\nRun 'lab list' to see the quizzes.`,
  missingChoices: (id) => `lab answer: missing your choices\nUsage: lab answer ${id} N[,N...]`,
  badChoice: (choice, count) => `lab answer: "${choice}" is not an option number (1-${count})`,
  oneChoiceOnly: 'lab answer: this question has one right answer; give one number',
  correct: 'Correct!',
  notDuringExam: (command) => `lab ${command}: not during an exam. 'lab exam finish' ends it.`,
  incorrect: (id) => `Not quite. Read the options again ('lab quiz ${id}') and try once more.`,
};

const zh: LabTexts = {
  usage: [
    '学习课程并检查你的操作结果。',
    '',
    '用法：',
    '  lab list                  列出课程和练习（✓ 已完成，▶ 进行中，· 未开始）',
    '  lab start <练习 id>       重置集群并开始练习',
    '  lab check                 检查你的操作',
    '  lab hint                  显示下一条提示',
    '  lab solution [--yes]      显示参考答案',
    '  lab reset                 重新开始当前练习',
    '  lab next                  开始下一个练习',
    '  lab quiz <测验 id>        显示测验题目和选项',
    '  lab answer <测验 id> N,M  用选项编号回答测验',
    '  lab status                显示当前练习和学习进度',
    '  lab export FILE           把进度保存到 FILE',
    '  lab import FILE           从 FILE 读取进度',
    '  lab lang en|zh            选择语言',
    "  lab exam ...              限时考试（'lab exam help'）",
  ].join('\n'),
  unknownSubcommand: (name) => `lab: 未知命令 "${name}"\n运行 'lab help' 查看用法。`,
  unknownExercise: (id) => `lab: 未知练习 "${id}"\n运行 'lab list' 查看所有练习。`,
  missingExerciseId: "lab start: 缺少练习 id\n运行 'lab list' 查看所有练习。",
  noExercise: "还没有开始练习。运行 'lab list'，然后运行 'lab start <练习 id>'。",
  starting: (id, lessonTitle, title) => `练习 ${id}：${title}（${lessonTitle}）`,
  startProblems: '部分初始状态未能设置：',
  checksPass: (passed, total) => `${passed}/${total} 项检查通过`,
  complete: '练习完成，做得好！',
  nextHint: (id, title) => `下一个练习：${title}（${id}）。运行 'lab next' 开始。`,
  courseFinished: '这是最后一个练习：你已完成全部课程。',
  hint: (number, total) => `提示 ${number}/${total}：`,
  noHints: '这个练习没有提示。',
  noMoreHints: "没有更多提示了。'lab solution' 可以查看参考答案。",
  solutionConfirm: "这会显示完整的参考答案，并在进度中记录你查看过答案。\n运行 'lab solution --yes' 查看。",
  solutionHeading: '参考答案：',
  waitStep: (seconds) => `# 等待 ${seconds} 秒`,
  writeStep: (path) => `# 写入 ${path}：`,
  status: (id, title, lessonTitle) => `练习 ${id}：${title}（${lessonTitle}）`,
  statusNoExercise: '练习：尚未开始',
  statusCompleted: (done, total) => `已完成：${done}/${total} 个练习`,
  statusQuizzes: (right, total) => `测验：已答对 ${right}/${total} 道`,
  statusChecks: (passed, total) => `检查：${passed}/${total} 项通过`,
  statusDone: '这个练习已完成。',
  statusHints: (count) => `已用提示：${count}`,
  statusSolution: '参考答案：已查看',
  languageSet: '语言：简体中文',
  languageUsage: '用法：lab lang en|zh',
  fileUsage: (verb) => `用法：lab ${verb} FILE`,
  exported: (file) => `进度已保存到 ${file}`,
  imported: (file) => `已从 ${file} 读取进度`,
  importInvalid: (file, problem) => `lab import: ${file} 不是 Pod Lab 进度文件：${problem}`,
  noSuchFile: (file) => `lab import: ${file}: 没有那个文件或目录`,
  saveFailed: (problem) => `警告：无法保存进度：${problem}`,
  emptyCourse: '没有安装任何课程。',
  quizLabel: '测验',
  quizHeading: (id, lessonTitle) => `测验 ${id}（${lessonTitle}）`,
  chooseOne: '选择一个答案。',
  chooseSome: '选择所有正确的答案。',
  answerWith: (id, multiple) => (multiple ? `用 'lab answer ${id} N,N...' 作答，N 为你所选各项的编号。` : `用 'lab answer ${id} N' 作答，N 为你所选项的编号。`),
  answeredBefore: (choices, correct) => `你上次的答案：${choices}（${correct ? '正确' : '不正确'}）`,
  unknownQuiz: (id) => `lab: 未知测验 "${id}"\n运行 'lab list' 查看所有测验。`,
  missingQuizId: (verb) => `lab ${verb}: 缺少测验 id\n运行 'lab list' 查看所有测验。`,
  missingChoices: (id) => `lab answer: 缺少你的选择\n用法：lab answer ${id} N[,N...]`,
  badChoice: (choice, count) => `lab answer: "${choice}" 不是选项编号（1-${count}）`,
  oneChoiceOnly: 'lab answer: 这道题只有一个正确答案，请只给出一个编号',
  correct: '回答正确！',
  notDuringExam: (command) => `lab ${command}: 考试期间不可用。'lab exam finish' 结束考试。`,
  incorrect: (id) => `不太对。再读一遍选项（'lab quiz ${id}'），然后再试一次。`,
};

export function labTexts(language: Language): LabTexts {
  return language === 'zh' ? zh : en;
}
