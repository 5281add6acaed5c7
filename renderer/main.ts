// Entry point: hydrate the stores from storage, mount, then start the simulated cluster.

import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './styles/app.css';
import { hydrate, useAppController } from './app-controller';
import { loadSessionFactory } from './session/session-loader';

async function boot() {
  void loadSessionFactory();
  const app = createApp(App);
  app.use(createPinia());
  await hydrate();
  app.mount('#app');
  await useAppController().startLabSession();
  document.body.dataset.ready = 'true';
}

void boot();
