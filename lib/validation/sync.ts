// Body of "sync now": one source, or every source when none is named.
import { z } from 'zod';
import { SOURCE_IDS } from '../domain/model';

export const syncRequestBodySchema = z.object({ source: z.enum(SOURCE_IDS).optional() }).strict();
export type SyncRequestBody = z.infer<typeof syncRequestBodySchema>;
