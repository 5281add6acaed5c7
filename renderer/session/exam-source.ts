// The exams bundled with the app, loaded and checked at build time (vite.config.ts) as `podlab`
// loads them from exams/.

import bundled from 'virtual:podlab-exams';
import type { ExamTemplate } from '../../lab/exam';

export function loadBundledExams(): { exams: ExamTemplate[]; problems: string[] } {
  return bundled;
}
