import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import BoardView from './views/BoardView.vue';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/board' },
  { path: '/board', name: 'board', component: BoardView },
  { path: '/history', name: 'history', component: () => import('./views/HistoryView.vue') },
  { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
  { path: '/org/:code?', name: 'org', component: () => import('./views/OrgView.vue') },
  { path: '/policy/:community?', name: 'policy', component: () => import('./views/PolicyView.vue') },
  { path: '/cases', name: 'cases', component: () => import('./views/CasesView.vue') },
  { path: '/wishes', name: 'wishes', component: () => import('./views/WishesView.vue') },
  { path: '/appointments', name: 'appointments', component: () => import('./views/AppointmentsView.vue') },
  { path: '/party', name: 'party', component: () => import('./views/PartyView.vue') },
  { path: '/figures', name: 'figures', component: () => import('./views/FiguresView.vue') },
  { path: '/links', name: 'links', component: () => import('./views/LinksView.vue') },
  { path: '/networks', redirect: '/networks/party' },
  { path: '/networks/:network(party|governance|community)', name: 'network', component: () => import('./views/NetworkView.vue') },
  { path: '/:rest(.*)*', redirect: '/board' },
];

// Another page opens at its top (the window kept the last page's scroll: a network's page opened at its
// mappings); back and forward return to where the page was.
export const router = createRouter({ history: createWebHashHistory(), routes, scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 } });
