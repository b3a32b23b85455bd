// A cluster's team from the group-to-scope mapping (issue 12). A cluster's `team` is its `team` tag when it has one
// (written by the inventory sync) — the tag is set on the resource by whoever owns it, so it wins over a central
// mapping — else the `owner_team` of a group mapping that lists the cluster, else of one that lists its subscription.
// Of several such mappings the one naming the cluster itself wins, then the first team by name, so the result does
// not depend on row order. Run after every cluster write and every mapping change, in the same transaction; it
// updates the clusters whose team changed and their triage items. Snapshots are not rewritten: the next write
// (today's) uses the new team, past days keep the team they were written with.
import type pg from 'pg';

export const APPLY_MAPPED_TEAMS_SQL = `
WITH mapped AS (
  SELECT DISTINCT ON (c.id) c.id, g.owner_team AS team
    FROM clusters c
    JOIN group_scopes g ON g.owner_team IS NOT NULL AND NOT g.all_clusters
                       AND (c.id = ANY(g.cluster_ids) OR c.subscription_id = ANY(g.subscription_ids))
   ORDER BY c.id, (c.id = ANY(g.cluster_ids)) DESC, g.owner_team, g.group_id
), changed AS (
  UPDATE clusters c SET team = m.team, team_from_mapping = (m.team IS NOT NULL)
    FROM clusters o LEFT JOIN mapped m ON m.id = o.id
   WHERE c.id = o.id AND (o.team IS NULL OR o.team_from_mapping) AND o.team IS DISTINCT FROM m.team
  RETURNING c.id, c.team
)
UPDATE triage_items t SET team = ch.team FROM changed ch WHERE t.cluster_id = ch.id AND t.team IS DISTINCT FROM ch.team`;

/** Something that runs one statement: a pg client, or a Prisma transaction (`$executeRawUnsafe`). */
export type StatementRunner = pg.PoolClient | pg.Client | { $executeRawUnsafe(query: string): Promise<number> };

export async function applyMappedTeams(db: StatementRunner): Promise<void> {
  if ('$executeRawUnsafe' in db) await db.$executeRawUnsafe(APPLY_MAPPED_TEAMS_SQL);
  else await db.query(APPLY_MAPPED_TEAMS_SQL);
}
