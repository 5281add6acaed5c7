// A small exam used across the tests (in the format of docs/exam-format.md): two tasks, drawn parameters.

export const sampleExam = `id: sample
title: { en: Sample exam, zh: 示例考试 }
summary: { en: Two tasks., zh: 两道题。 }
minutes: 30
parameters:
  app: [shop, blog]
  replicas: [2, 3]
tasks:
  - id: run-pod
    weight: 4
    title: { en: "Run {{app}}", zh: "运行 {{app}}" }
    instructions: { en: "Run a Pod {{app}} with nginx:1.27.", zh: "运行 Pod {{app}}，镜像 nginx:1.27。" }
    checks:
      - id: image
        title: { en: "{{app}} runs nginx:1.27", zh: "{{app}} 运行 nginx:1.27" }
        field: { kind: Pod, name: "{{app}}", path: "spec.containers[0].image", value: "nginx:1.27" }
      - id: ready
        title: { en: "{{app}} is Ready", zh: "{{app}} 已就绪" }
        condition: { kind: Pod, name: "{{app}}", type: Ready }
    solution:
      - run: kubectl run {{app}} --image=nginx:1.27
      - wait: 10
    mistakes:
      - name: "the wrong image"
        failsAt: image
        solution: [ { run: "kubectl run {{app}} --image=nginx:1.26" }, { wait: 10 } ]
  - id: scale
    weight: 6
    title: { en: "Scale {{app}}-api", zh: "扩容 {{app}}-api" }
    instructions: { en: "Scale {{app}}-api to {{replicas}} replicas.", zh: "把 {{app}}-api 扩容到 {{replicas}} 个副本。" }
    start:
      objects: |
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: {{app}}-api }
        spec:
          replicas: 1
          selector: { matchLabels: { app: {{app}}-api } }
          template:
            metadata: { labels: { app: {{app}}-api } }
            spec: { containers: [ { name: web, image: nginx:1.27 } ] }
      files:
        notes/{{app}}.txt: "scale {{app}}-api"
      elapsedSeconds: 10
    checks:
      - id: ready
        title: { en: "{{replicas}} replicas are ready", zh: "{{replicas}} 个副本已就绪" }
        field: { kind: Deployment, name: "{{app}}-api", path: status.readyReplicas, value: "{{replicas}}" }
    solution:
      - run: kubectl scale deployment {{app}}-api --replicas={{replicas}}
      - wait: 10
    mistakes:
      - name: "one replica too few"
        failsAt: ready
        solution: [ { run: "kubectl scale deployment {{app}}-api --replicas=1" }, { wait: 10 } ]
`;
