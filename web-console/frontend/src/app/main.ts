import { createApp, h } from 'vue';
createApp({ render: () => h('p', '三网枢纽响应端') }).mount('#app');
