/**
 * Password strength and the password policy, shared by the renderer's live meter
 * and the core's enforcement (the core never trusts the renderer's verdict).
 * zxcvbn-ts with common, English and Dutch dictionaries: MSP staff pick Dutch words too.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import type { PasswordPolicy } from '../ipc/schemas';

/** A password an administrator sets is a starting password: by default its owner replaces it at first sign-in. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minScore: 3, adminChangesForceChange: true };

export type StrengthScore = 0 | 1 | 2 | 3 | 4;
export type PolicyProblem = 'too-short' | 'too-weak';

export interface PasswordEvaluation {
  readonly score: StrengthScore;
  readonly problems: readonly PolicyProblem[];
  readonly meetsPolicy: boolean;
}

let factory: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  // Built on first use: ranking the dictionaries takes a moment we only pay when a password is checked.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...dutch.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // At the default (100) a 20-character password with a few l33t-able characters took up to 300 ms to score,
    // and an import of 500 technicians scores 500 of them. Five substitutions still find "P@ssw0rd" and
    // "w3lk0m", and scored the same on every password we tried, in a tenth of the time (see the closing note of issue 11).
    l33tMaxSubstitutions: 5,
  });
  return factory;
}

/**
 * Scores `password` and checks it against `policy`. `userInputs` (name, email)
 * make passwords built from the user's own details score low.
 */
export function evaluatePassword(password: string, policy: PasswordPolicy, userInputs: readonly string[] = []): PasswordEvaluation {
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((part) => part.length >= 3);
  const score = (password.length === 0 ? 0 : zxcvbn().check(password, inputs).score) as StrengthScore;
  const problems: PolicyProblem[] = [];
  if (password.length < policy.minLength) problems.push('too-short');
  if (score < policy.minScore) problems.push('too-weak');
  return { score, problems, meetsPolicy: problems.length === 0 };
}
