// The course bundled with the app. The lessons are validated by the lab's loader at build time
// (vite.config.ts), exactly as the desktop build and `podlab` load them, and arrive here as data:
// parsing and validating every lesson in the page would delay the first prompt by a second or more.

import bundled from 'virtual:podlab-course';
import type { Course } from '../../lab/course';

export interface BundledCourse {
  course: Course;
  /** Problems the loader found, already formatted for the console. */
  problems: string[];
}

export function loadBundledCourse(): BundledCourse {
  return bundled;
}
