// Who is asking. Every data-access function takes a Viewer and applies its scope inside the query.
export const APP_ROLES = ['security', 'cluster-operator', 'app-operator', 'developer', 'manager', 'admin'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** Which clusters a viewer may see: all of them, or those listed (directly or through their subscription). */
export type ClusterScope =
  | { kind: 'all' }
  | { kind: 'limited'; clusterIds: readonly string[]; subscriptionIds: readonly string[] };

export interface Viewer {
  /** Entra object id (`oid`), or a fixed id for system contexts (CLI, scheduler). */
  id: string;
  name: string;
  email: string | null;
  roles: readonly AppRole[];
  scope: ClusterScope;
}

/** The context of the CLI and the background scheduler: sees everything, changes only what sync changes. */
export const SYSTEM_VIEWER: Viewer = {
  id: 'system',
  name: 'System',
  email: null,
  roles: ['admin'],
  scope: { kind: 'all' },
};
