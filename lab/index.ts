// The lab's public surface, for the CLI, the app and the validator script.

export type { Course, Exercise, ExerciseLocation, Lesson, LessonStep } from './course';
export { allExercises, exercisesOf, findExercise, nextExercise } from './course';
export type { CheckResult, GraderOptions } from './grader';
export { chooseHint, Grader } from './grader';
export { createLabCommand, formatResults, labHostCommand } from './lab-command';
export type { Attempt, LabDeps } from './lab-controller';
export { LabController } from './lab-controller';
export type { Language, Localised } from './localised';
export type { LoadOptions, LoadProblem, LoadResult } from './loader';
export { formatProblem, loadCourse } from './loader';
export { lookupPath, parsePath } from './paths';
export { markdownToPlainText } from './plain-text';
export type { ExerciseProgress, LoadedProgress, Progress, ProgressStorage, QuizProgress } from './progress';
export { emptyProgress, exerciseStatus, exportProgress, loadProgress, parseProgress, saveProgress } from './progress';
export { applyObject, applyStartingState } from './starting-state';
export { advanceStepwise, runSolution } from './solution-runner';
export type { ValidationReport, ValidatorOptions } from './validator';
export { replayExercise, summaryLine, validateCourse } from './validator';
