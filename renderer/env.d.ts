/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare module 'virtual:podlab-course' {
  import type { Course } from '../lab/course';
  const bundled: { course: Course; problems: string[] };
  export default bundled;
}

declare module 'virtual:podlab-exams' {
  import type { ExamTemplate } from '../lab/exam';
  const bundled: { exams: ExamTemplate[]; problems: string[] };
  export default bundled;
}
