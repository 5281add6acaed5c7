// The order in which a learner sees a quiz's options: shuffled with a seed of the learner's own,
// so that the right answer is not always in the same place for everyone, yet stays where it was
// for the same learner after a reload. Answers are always recorded by the options' own indexes.

import { SeededRandom } from '../sim/random';

/** Positions on screen → option indexes in the lesson file. */
export function quizOptionOrder(quizId: string, optionCount: number, learnerSeed: number): number[] {
  const random = new SeededRandom(hashText(`${learnerSeed}:${quizId}`));
  const order = Array.from({ length: optionCount }, (_, index) => index);
  for (let index = optionCount - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

/** FNV-1a: a stable 32-bit number for a text. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
