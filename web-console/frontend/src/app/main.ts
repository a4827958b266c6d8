// The responder app at /app: building heads and grid members on their phones.
import { createApp } from 'vue';
import 'vant/es/dialog/style';
import 'vant/es/toast/style';
import './app.css';
import App from './App.vue';
import { i18n, useVantLocale } from './i18n';

const locale = (i18n.global.locale as unknown as { value: string }).value;
useVantLocale(locale);
document.documentElement.lang = locale;
document.title = i18n.global.t('title');

createApp(App).use(i18n).mount('#app');

// The service worker keeps the app shell for offline starts and shows Web Push notifications.
if ('serviceWorker' in navigator && location.pathname.startsWith('/app'))
  navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch(() => { /* no offline start here */ });
