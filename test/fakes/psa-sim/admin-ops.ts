/**
 * What the admin endpoint accepts from another process: tenant mutations
 * (`POST /__sim/mutate`) and fault rules (`POST /__sim/faults`), validated
 * with zod because they arrive as untrusted JSON.
 */
import { z } from 'zod';
import { addCompany, deleteCompany, renameCompany, restoreCompany } from './dataset';
import { COMPANY_KINDS, type FaultRule, type SimDataset } from './model';

const contactSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable().optional(),
  active: z.boolean().optional(),
  primary: z.boolean().optional(),
  title: z.string().optional(),
});

const mutationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('rename'), id: z.number().int(), name: z.string().min(1) }),
  z.object({ op: z.literal('delete'), id: z.number().int() }),
  z.object({ op: z.literal('restore'), id: z.number().int() }),
  z.object({
    op: z.literal('add'),
    name: z.string().min(1),
    kind: z.enum(COMPANY_KINDS).optional(),
    active: z.boolean().optional(),
    contacts: z.union([z.number().int().min(0).max(1000), z.array(contactSchema)]).optional(),
  }),
]);

export const mutationOpsSchema = z.array(mutationSchema);
export type MutationOp = z.infer<typeof mutationSchema>;

export interface MutationResult {
  readonly op: MutationOp['op'];
  /** The company changed or added. */
  readonly id: number;
  /** Contacts added with a new company. */
  readonly contactIds?: readonly number[];
}

/** Zod's optional keys are `T | undefined`; the data model's are absent-or-T, so drop the undefined ones. */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Applies the operations in order; throws (leaving earlier ones applied) on an unknown id. */
export function applyMutations(data: SimDataset, ops: readonly MutationOp[]): MutationResult[] {
  return ops.map((op): MutationResult => {
    switch (op.op) {
      case 'rename':
        return { op: op.op, id: renameCompany(data, op.id, op.name).id };
      case 'delete':
        return { op: op.op, id: deleteCompany(data, op.id).id };
      case 'restore':
        return { op: op.op, id: restoreCompany(data, op.id).id };
      case 'add': {
        const contacts = Array.isArray(op.contacts) ? op.contacts.map((contact) => defined(contact)) : op.contacts;
        const added = addCompany(data, defined({ name: op.name, kind: op.kind, active: op.active, contacts }));
        return { op: op.op, id: added.company.id, contactIds: added.contacts.map((contact) => contact.id) };
      }
    }
  });
}

const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().min(0) }),
  z.object({
    kind: z.literal('status'),
    status: z.union([z.literal(401), z.literal(403), z.literal(404), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    retryAfterSeconds: z.number().int().min(0).optional(),
    body: z.string().optional(),
  }),
  z.object({ kind: z.literal('thread-limit') }),
  z.object({ kind: z.literal('html') }),
  z.object({ kind: z.literal('truncated-json') }),
  z.object({ kind: z.literal('reset') }),
  z.object({ kind: z.literal('expire-credentials'), afterCalls: z.number().int().min(0) }),
  z.object({ kind: z.literal('echo-credentials'), status: z.union([z.literal(400), z.literal(401), z.literal(403), z.literal(500)]), lead: z.number().int().min(0).max(10_000).optional() }),
]);

const faultRuleSchema = z.object({
  api: z.enum(['autotask', 'connectwise', 'any']),
  pathIncludes: z.string().optional(),
  pathPattern: z.string().refine(isPattern, 'not a regular expression').optional(),
  method: z.string().optional(),
  skip: z.number().int().min(0).optional(),
  times: z.number().int().min(0).optional(),
  fault: faultSchema,
});

export function parseFaultRules(value: unknown): FaultRule[] {
  return z
    .array(faultRuleSchema)
    .parse(value)
    .map((rule) => defined({ ...rule, fault: defined(rule.fault) }) as FaultRule);
}

function isPattern(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
