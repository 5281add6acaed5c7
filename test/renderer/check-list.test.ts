// @vitest-environment happy-dom
// Needs the Vue plugin in vitest.config.ts (plugins: [vue()]); rename to check-list.test.ts once it is there.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import CheckList from '../../renderer/components/CheckList.vue';
import { useExerciseStore } from '../../renderer/stores/exercise';
import { useSettingsStore } from '../../renderer/stores/settings';

function rows() {
  return [
    { id: 'exists', state: 'passed' as const, title: { en: 'A Pod named web exists', zh: '存在名为 web 的 Pod' }, reason: { en: 'found', zh: '找到' } },
    { id: 'restarts', state: 'failed' as const, title: { en: 'It restarted', zh: '它重启过' }, reason: { en: 'expected restartCount >= 1, found 0', zh: '期望 restartCount >= 1，实际为 0' } },
    { id: 'later', state: 'pending' as const, title: { en: 'Later', zh: '稍后' }, reason: { en: 'x', zh: 'x' } },
  ];
}

describe('check list', () => {
  it('shows each check with its state, and the reason only for failed ones', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const settings = useSettingsStore();
    settings.language = 'en';
    useExerciseStore().checks = rows();
    const wrapper = mount(CheckList, { global: { plugins: [pinia] } });
    const items = wrapper.findAll('li.check');
    expect(items.map((item) => item.attributes('data-state'))).toEqual(['passed', 'failed', 'pending']);
    expect(items[1]!.find('.check-reason').text()).toBe('expected restartCount >= 1, found 0');
    expect(items[0]!.find('.check-reason').exists()).toBe(false);
    expect(wrapper.find('h3').text()).toBe('Checks');

    settings.language = 'zh';
    await wrapper.vm.$nextTick();
    expect(wrapper.find('h3').text()).toBe('检查项');
    expect(wrapper.findAll('li.check')[1]!.find('.check-reason').text()).toBe('期望 restartCount >= 1，实际为 0');
  });
});
