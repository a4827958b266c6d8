import { createApp, h } from 'vue';
createApp({ render: () => h('p', '三网枢纽指挥台') }).mount('#console');
