// A one-lesson pack, as `lessonPacks.list()` hands it over after File › Open Lesson Pack….

export const extraPackLessonTitle = 'Pods from a lesson pack';
export const extraPackExerciseTitle = 'Run the pack Pod';

export const extraPackFiles: Record<string, string> = {
  'extra/lesson.yaml': [
    'id: extra-pack-lesson',
    'order: 100',
    `title: { en: ${extraPackLessonTitle}, zh: 课程包中的 Pod }`,
    'summary: { en: "A lesson opened from a folder.", zh: "从文件夹打开的课。" }',
    'prerequisites: []',
    'text: { en: text.en.md, zh: text.zh.md }',
    'steps:',
    '  - exercise:',
    '      id: extra-pack-run',
    `      title: { en: ${extraPackExerciseTitle}, zh: 运行课程包中的 Pod }`,
    '      instructions: { en: "Run a Pod named `hello` from the image `nginx`.", zh: "用镜像 `nginx` 运行一个名为 `hello` 的 Pod。" }',
    '      checks:',
    '        - id: hello-exists',
    '          title: { en: "A Pod named hello exists", zh: "存在名为 hello 的 Pod" }',
    '          exists: { kind: Pod, name: hello }',
    '      hints:',
    '        - text: { en: "`kubectl run hello --image=nginx`", zh: "`kubectl run hello --image=nginx`" }',
    '      solution:',
    '        - run: kubectl run hello --image=nginx',
    '  - quiz:',
    '      id: extra-pack-quiz',
    '      question: { en: "What runs first in every Pod?", zh: "每个 Pod 中最先运行的是什么？" }',
    '      options:',
    '        - { text: { en: "the pause container", zh: "pause 容器" }, correct: true }',
    '        - { text: { en: "the app container", zh: "应用容器" }, explanation: { en: "The pause container starts first and holds the namespaces.", zh: "pause 容器最先启动并持有这些命名空间。" } }',
    '',
  ].join('\n'),
  'extra/text.en.md': '# From a pack\n\nThis lesson came from a folder.\n',
  'extra/text.zh.md': '# 来自课程包\n\n这节课来自一个文件夹。\n',
};
