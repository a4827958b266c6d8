// Walking the organisation the caller may see: communities (for pickers) and a community's buildings.
import { get } from '../../shared/api';
import { onSession } from '../session';
import type { NodeRef, NodeView } from './types';

const cache = new Map<string, Promise<NodeView>>();

export function node(code: string): Promise<NodeView> {
  let p = cache.get(code);
  if (!p) {
    p = get<NodeView>('/api/v1/org/' + encodeURIComponent(code));
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return p;
}

export function forget(): void { cache.clear(); }

const RANK: Record<string, number> = { district: 0, street: 1, community: 2, grid: 3, building: 3, unit: 4 };

/** Every community the caller can reach: down from districts and streets, up from grids and buildings. */
export async function communities(): Promise<NodeRef[]> {
  const roots = await get<NodeRef[]>('/api/v1/org');
  const found = new Map<string, NodeRef>();
  const walk = async (ref: NodeRef): Promise<void> => {
    if (ref.level === 'community') { found.set(ref.code, ref); return; }
    if ((RANK[ref.level] ?? 9) < RANK.community) {
      const n = await node(ref.code);
      await Promise.all(n.children.map(walk));
    } else {
      // below a community: its community is up the parents
      let n: NodeView | null = await node(ref.code).catch(() => null);
      while (n && n.parent && n.level !== 'community') {
        if (n.parent.level === 'community') { found.set(n.parent.code, n.parent); return; }
        n = await node(n.parent.code).catch(() => null);
      }
    }
  };
  await Promise.all(roots.map(walk));
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The buildings of a community (directly or through its grids). */
export async function buildingsOf(community: string): Promise<NodeRef[]> {
  const n = await node(community);
  const out: NodeRef[] = [];
  for (const c of n.children) {
    if (c.level === 'building') out.push(c);
    else if (c.level === 'grid') out.push(...(await node(c.code)).children.filter((b) => b.level === 'building'));
  }
  const seen = new Set<string>();
  return out.filter((b) => !seen.has(b.code) && seen.add(b.code));
}

/** Buildings the caller may pick: below their communities, or their own buildings when scoped to one. */
export async function buildings(): Promise<(NodeRef & { community?: string })[]> {
  const roots = await get<NodeRef[]>('/api/v1/org');
  if (roots.every((r) => r.level === 'building')) return roots;
  const cs = await communities();
  const lists = await Promise.all(cs.map(async (c) => (await buildingsOf(c.code).catch(() => [])).map((b) => ({ ...b, name: c.name + ' ' + b.name, community: c.code }))));
  return lists.flat();
}

// Another person may sign in next: what this one could see is forgotten at sign-out.
onSession(() => {}, forget);
