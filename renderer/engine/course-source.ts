// The course bundled with the app: every lesson file is read at build time and handed to the
// lab's loader, which validates it exactly as the desktop build and `podlab` do.

import { loadCourse, type LoadResult } from '../../lab/loader';

const lessonFiles = import.meta.glob<string>('../../lessons/**/*.{yaml,md}', { query: '?raw', import: 'default', eager: true });

export function bundledLessonFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, text] of Object.entries(lessonFiles)) {
    files.set(path.replace(/^\.\.\/\.\.\/lessons\//, ''), text);
  }
  return files;
}

export function loadBundledCourse(): LoadResult {
  return loadCourse(bundledLessonFiles(), { label: 'lessons' });
}
