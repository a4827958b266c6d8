// Which networks there are and who may see their pages: the part of ./network the navigation needs,
// kept apart so the console's first load carries only this (the rest comes with the networks' page).
import type { RoleGrant } from '../session';

export const NETWORKS = ['party', 'governance', 'community'] as const;
export type Network = (typeof NETWORKS)[number];
export const isNetwork = (s: unknown): s is Network => typeof s === 'string' && (NETWORKS as readonly string[]).includes(s);

/** The networks' pages are for administrators and district staff (the hub answers 403 to anyone else). */
export function mayManageNetworks(roles: RoleGrant[] | null | undefined): boolean {
  return (roles ?? []).some((r) => r.role === 'admin' || r.role === 'district_command');
}

/** Re-enabling a callback endpoint the network turned off (410) is the administrator's alone. */
export function mayEnableCallback(roles: RoleGrant[] | null | undefined): boolean {
  return (roles ?? []).some((r) => r.role === 'admin');
}

/** The navigation's networks group: one entry per network for those who may see them, none otherwise. */
export function networkNav(roles: RoleGrant[] | null | undefined): { network: Network; path: string }[] {
  return mayManageNetworks(roles) ? NETWORKS.map((network) => ({ network, path: '/networks/' + network })) : [];
}
