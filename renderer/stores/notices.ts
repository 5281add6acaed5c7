// Messages the learner must read once: saved files that were set aside, lesson packs that
// could not be loaded. Shown above the workbench until dismissed.

import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  text: string;
}

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function add(texts: string[]) {
    for (const text of texts) {
      if (!notices.value.some((notice) => notice.text === text)) notices.value.push({ id: nextId++, text });
    }
  }

  function dismiss(id: number) {
    notices.value = notices.value.filter((notice) => notice.id !== id);
  }

  return { notices, add, dismiss };
});
