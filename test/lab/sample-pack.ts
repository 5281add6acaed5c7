// A small lesson pack used across the lab tests (in the format of docs/lesson-format.md).

export const firstPodLesson = `id: first-pod
order: 1
title: { en: Your first Pod, zh: 第一个 Pod }
summary: { en: Run a single Pod., zh: 运行一个 Pod。 }
prerequisites: []
text: { en: text.en.md, zh: text.zh.md }
steps:
  - exercise:
      id: create-web
      title: { en: Create the web Pod, zh: 创建 web Pod }
      instructions:
        en: "Create a Pod named **web** that runs \`nginx:1.27\`."
        zh: "创建名为 **web** 的 Pod，运行 \`nginx:1.27\`。"
      checks:
        - id: web-exists
          title: { en: A Pod named web exists, zh: 存在名为 web 的 Pod }
          exists: { kind: Pod, name: web }
        - id: web-image
          title: { en: web runs nginx:1.27, zh: web 运行 nginx:1.27 }
          field: { kind: Pod, name: web, path: "spec.containers[0].image", op: equals, value: "nginx:1.27" }
        - id: used-run
          title: { en: You used kubectl run, zh: 使用了 kubectl run }
          command: { pattern: "^kubectl run web" }
      hints:
        - text: { en: "Pods can be started with kubectl run.", zh: "可以用 kubectl run 启动 Pod。" }
        - text: { en: "Give the image with --image=nginx:1.27.", zh: "用 --image=nginx:1.27 指定镜像。" }
          whenFailing: web-image
        - text: { en: "The Pod must be called web.", zh: "Pod 必须叫 web。" }
          whenFailing: web-exists
      solution:
        - run: kubectl run web --image=nginx:1.27
      mistakes:
        - name: the image without its tag
          failsAt: web-image
          solution: [ { run: kubectl run web --image=nginx } ]
        - name: a misspelt name
          failsAt: web-exists
          solution: [ { run: kubectl run webb --image=nginx:1.27 } ]
      alternatives:
        - name: with a label of its own
          solution: [ { run: kubectl run web --image=nginx:1.27 --labels=tier=front } ]
      explanation: { en: "kubectl run creates exactly one Pod.", zh: "kubectl run 只创建一个 Pod。" }
  - quiz:
      id: pod-quiz
      question: { en: "What is the smallest deployable unit?", zh: "最小的部署单元是什么？" }
      options:
        - { text: { en: Pod, zh: Pod }, correct: true }
        - { text: { en: Container, zh: 容器 }, explanation: { en: "Containers run inside a Pod.", zh: "容器运行在 Pod 之内。" } }
  - exercise:
      id: remove-old
      title: { en: Remove the old Pod, zh: 删除旧 Pod }
      instructions: { en: "Delete the Pod **old** and write \`deleted\` into notes/answer.txt.", zh: "删除 Pod **old**，并把 \`deleted\` 写入 notes/answer.txt。" }
      start:
        objects: |
          apiVersion: v1
          kind: Pod
          metadata:
            name: old
          spec:
            containers:
              - name: old
                image: busybox
        files:
          notes/answer.txt: ""
        elapsedSeconds: 5
      checks:
        - id: old-gone
          title: { en: The Pod old is gone, zh: Pod old 已删除 }
          absent: { kind: Pod, name: old }
        - id: stays-gone
          title: { en: old stays gone for 20 seconds, zh: old 保持删除状态 20 秒 }
          when: sustained
          seconds: 20
          absent: { kind: Pod, name: old }
        - id: answer
          title: { en: The answer is written, zh: 已写下答案 }
          answer: { file: notes/answer.txt, matches: "(?i)^deleted$" }
      hints:
        - text: { en: "kubectl delete pod old removes it.", zh: "kubectl delete pod old 会删除它。" }
          whenFailing: old-gone
        - text: { en: "Write the word deleted into the file.", zh: "把 deleted 这个词写入文件。" }
          whenFailing: answer
      solution:
        - run: kubectl delete pod old
        - write: { path: notes/answer.txt, content: "Deleted\\n" }
        - wait: 30
      mistakes:
        - name: only the answer, the Pod left running
          failsAt: old-gone
          solution: [ { write: { path: notes/answer.txt, content: "deleted" } }, { wait: 30 } ]
        - name: the Pod deleted, the answer forgotten
          failsAt: answer
          solution: [ { run: kubectl delete pod old }, { wait: 30 } ]
      alternatives:
        - name: the answer first, then the Pod
          solution: [ { write: { path: notes/answer.txt, content: "deleted" } }, { run: kubectl delete pod old }, { wait: 25 } ]
`;

export const labelsLesson = `id: labels
order: 2
title: { en: Labels, zh: 标签 }
summary: { en: Select Pods by label., zh: 按标签选择 Pod。 }
prerequisites: [first-pod]
text: { en: text.en.md, zh: text.zh.md }
steps:
  - exercise:
      id: three-web-pods
      title: { en: Three labelled Pods, zh: 三个带标签的 Pod }
      instructions: { en: "Run three Pods labelled app=web.", zh: "运行三个带有 app=web 标签的 Pod。" }
      checks:
        - id: three
          title: { en: Three Pods with app=web, zh: 三个带 app=web 的 Pod }
          count: { kind: Pod, selector: "app=web", op: ">=", value: 3 }
        - id: all-nginx
          title: { en: They all run nginx, zh: 它们都运行 nginx }
          field: { kind: Pod, selector: "app=web", path: "spec.containers[0].image", op: matches, value: "^nginx" }
      hints:
        - text: { en: "kubectl run takes --labels=app=web.", zh: "kubectl run 可以带 --labels=app=web。" }
          whenFailing: three
        - text: { en: "Every one of them runs nginx.", zh: "每一个都运行 nginx。" }
          whenFailing: all-nginx
      solution:
        - run: kubectl run a --image=nginx --labels=app=web
        - run: kubectl run b --image=nginx --labels=app=web
        - run: kubectl run c --image=nginx --labels=app=web
      mistakes:
        - name: two Pods only
          failsAt: three
          solution: [ { run: kubectl run a --image=nginx --labels=app=web }, { run: kubectl run b --image=nginx --labels=app=web } ]
        - name: one of them runs httpd
          failsAt: all-nginx
          solution:
            - run: kubectl run a --image=nginx --labels=app=web
            - run: kubectl run b --image=nginx --labels=app=web
            - run: kubectl run c --image=httpd --labels=app=web
      alternatives:
        - name: four Pods, with a pinned tag
          solution:
            - run: kubectl run a --image=nginx:1.27 --labels=app=web
            - run: kubectl run b --image=nginx:1.27 --labels=app=web
            - run: kubectl run c --image=nginx:1.27 --labels=app=web
            - run: kubectl run d --image=nginx:1.27 --labels=app=web
`;

export function samplePack(): Map<string, string> {
  return new Map([
    ['01-first-pod/lesson.yaml', firstPodLesson],
    ['01-first-pod/text.en.md', '# Pods\n\nA Pod is the smallest unit.\n'],
    ['01-first-pod/text.zh.md', '# Pod\n\nPod 是最小的单元。\n'],
    ['02-labels/lesson.yaml', labelsLesson],
    ['02-labels/text.en.md', '# Labels\n'],
    ['02-labels/text.zh.md', '# 标签\n'],
  ]);
}
