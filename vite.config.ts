import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

type LabLoader = typeof import('./lab/loader');
type LabExams = typeof import('./lab/exam');

const lessonsDir = resolve(import.meta.dirname, 'lessons');
const courseModuleId = 'virtual:podlab-course';
const examsDir = resolve(import.meta.dirname, 'exams');
const examsModuleId = 'virtual:podlab-exams';

function lessonFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(lessonsDir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(lessonsDir, entry);
    if (/\.(ya?ml|md)$/.test(entry) && statSync(path).isFile()) files.set(entry.split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return files;
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
      const files = lessonFiles();
      for (const path of files.keys()) this.addWatchFile(join(lessonsDir, path));
      const result = loadCourse(files, { label: 'lessons' });
      const data = JSON.stringify({ course: result.course, problems: result.problems.map(formatProblem) });
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
      const files = new Map<string, string>();
      for (const entry of readdirSync(examsDir).sort()) {
        if (!/\.ya?ml$/.test(entry)) continue;
        this.addWatchFile(join(examsDir, entry));
        files.set(entry, readFileSync(join(examsDir, entry), 'utf8'));
      }
      const result = exams.loadExams(files, { label: 'exams' });
      const data = JSON.stringify({ exams: result.exams, problems: result.problems.map(loader.formatProblem) });
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
