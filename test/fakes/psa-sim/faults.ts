/**
 * Fault injection: rules added by a test, matched against each request in the
 * order they were added. Latency rules add up and let the request go on, an
 * `expire-credentials` rule arms a countdown (consumed through
 * SimContext.consumeCredentialUse), and the first other matching rule answers
 * the request instead of the face.
 */
import type { Fault, FaultRule, SimApi } from './model';

export type AnsweringFault = Exclude<Fault, { kind: 'latency' } | { kind: 'expire-credentials' }>;

export interface FaultDecision {
  readonly delayMs: number;
  /** Answers the request instead of the face; null = let the face answer. */
  readonly answer: AnsweringFault | null;
}

interface RuleState {
  readonly rule: FaultRule;
  /** Matching requests seen, including skipped ones. */
  seen: number;
  applied: number;
}

const APIS: readonly SimApi[] = ['autotask', 'connectwise'];

export class FaultController {
  private states: RuleState[] = [];
  /** Authenticated calls left before the credentials stop working; absent = never expire. */
  private readonly credentialBudget = new Map<SimApi, number>();

  /** Adds rules; returns a function that removes them again. */
  add(...rules: FaultRule[]): () => void {
    const added = rules.map((rule) => ({ rule, seen: 0, applied: 0 }));
    this.states.push(...added);
    return () => {
      this.states = this.states.filter((state) => !added.includes(state));
    };
  }

  /** Removes every rule and restores the credentials. */
  clear(): void {
    this.states = [];
    this.credentialBudget.clear();
  }

  get rules(): readonly FaultRule[] {
    return this.states.map((state) => state.rule);
  }

  /** How often each rule has been applied, in the order added. */
  get appliedCounts(): readonly number[] {
    return this.states.map((state) => state.applied);
  }

  /** Decides what happens to one request; counts it against skip and times. */
  match(api: SimApi, method: string, path: string): FaultDecision {
    let delayMs = 0;
    const lowerPath = path.toLowerCase();
    for (const state of this.states) {
      const { rule } = state;
      if (rule.api !== 'any' && rule.api !== api) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.pathIncludes !== undefined && !lowerPath.includes(rule.pathIncludes.toLowerCase())) continue;
      if (rule.pathPattern !== undefined && !new RegExp(rule.pathPattern, 'i').test(path)) continue;
      state.seen++;
      if (state.seen <= (rule.skip ?? 0)) continue;
      // Arming the countdown again on every request would never let it run out.
      const times = rule.fault.kind === 'expire-credentials' ? 1 : rule.times;
      if (times !== undefined && state.applied >= times) continue;
      state.applied++;
      const { fault } = rule;
      if (fault.kind === 'latency') delayMs += fault.ms;
      else if (fault.kind === 'expire-credentials') this.expireCredentials(rule.api, fault.afterCalls);
      else return { delayMs, answer: fault };
    }
    return { delayMs, answer: null };
  }

  /** The credentials of `api` keep working for `afterCalls` more authenticated calls. */
  expireCredentials(api: SimApi | 'any', afterCalls: number): void {
    for (const each of api === 'any' ? APIS : [api]) this.credentialBudget.set(each, Math.max(0, afterCalls));
  }

  restoreCredentials(api: SimApi | 'any' = 'any'): void {
    for (const each of api === 'any' ? APIS : [api]) this.credentialBudget.delete(each);
  }

  /** Counts one authenticated call; false once the credentials have expired. */
  consumeCredentialUse(api: SimApi): boolean {
    const left = this.credentialBudget.get(api);
    if (left === undefined) return true;
    if (left === 0) return false;
    this.credentialBudget.set(api, left - 1);
    return true;
  }
}
