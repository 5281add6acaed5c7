import { join, resolve } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import type { LessonFiles } from './node-shared/lesson-files';

type LabLoader = typeof import('./lab/loader');
type LessonReader = typeof import('./node-shared/lesson-files');
type LabExams = typeof import('./lab/exam');

const lessonsDir = resolve(import.meta.dirname, 'lessons');
const courseModuleId = 'virtual:podlab-course';
const examsDir = resolve(import.meta.dirname, 'exams');
const examsModuleId = 'virtual:podlab-exams';

/** The lab's shared lesson reader, loaded through Vite as the lab's own modules are (TypeScript, no extensions). */
async function readLessonFolder(dir: string): Promise<LessonFiles> {
  const { module: reader } = await runnerImport<LessonReader>(resolve(import.meta.dirname, 'node-shared/lesson-files.ts'), { configFile: false, logLevel: 'error' });
  return reader.readLessonFolder(dir);
}

/** Files the reader refused (too large, a link out of the folder), as problems of the bundled data. */
function refusedFiles(read: LessonFiles, label: string): string[] {
  return read.refused.map((file) => `${label}/${file.path}: refused: ${file.reason}`);
}

/** The bundled course, loaded and validated here so that the page receives it as ready data. */
function bundledCourse(): Plugin {
  return {
    name: 'podlab-bundled-course',
    resolveId: (source) => (source === courseModuleId ? `\0${courseModuleId}` : undefined),
    async load(id) {
      if (id !== `\0${courseModuleId}`) return undefined;
      // Through Vite's module runner: the lab's TypeScript imports have no file extensions.
      const { module: loader } = await runnerImport<LabLoader>(resolve(import.meta.dirname, 'lab/loader.ts'), { configFile: false, logLevel: 'error' });
      const { formatProblem, loadCourse } = loader;
      const read = await readLessonFolder(lessonsDir);
      for (const path of read.files.keys()) this.addWatchFile(join(lessonsDir, path));
      const result = loadCourse(read.files, { label: 'lessons' });
      const data = JSON.stringify({ course: result.course, problems: [...refusedFiles(read, 'lessons'), ...result.problems.map(formatProblem)] });
      // A JSON string parses faster than the same data written as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(data)});`;
    },
  };
}

/** The bundled exams (docs/exam-format.md), loaded and checked here like the course. */
function bundledExams(): Plugin {
  return {
    name: 'podlab-bundled-exams',
    resolveId: (source) => (source === examsModuleId ? `\0${examsModuleId}` : undefined),
    async load(id) {
      if (id !== `\0${examsModuleId}`) return undefined;
      const { module: exams } = await runnerImport<LabExams>(resolve(import.meta.dirname, 'lab/exam.ts'), { configFile: false, logLevel: 'error' });
      const { module: loader } = await runnerImport<LabLoader>(resolve(import.meta.dirname, 'lab/loader.ts'), { configFile: false, logLevel: 'error' });
      const read = await readLessonFolder(examsDir);
      for (const path of read.files.keys()) this.addWatchFile(join(examsDir, path));
      const result = exams.loadExams(read.files, { label: 'exams' });
      const data = JSON.stringify({ exams: result.exams, problems: [...refusedFiles(read, 'exams'), ...result.problems.map(loader.formatProblem)] });
      return `export default JSON.parse(${JSON.stringify(data)});`;
    },
  };
}

// The renderer: built into dist/renderer, served by scripts/serve-web.mjs or loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue(), bundledCourse(), bundledExams()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
});
