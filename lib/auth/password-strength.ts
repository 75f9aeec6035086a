import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * New passwords are checked against zxcvbn-ts' lists of common passwords, words, names and keyboard
 * patterns, and against the account's own name and e-mail. A score below 3 ("guessable within
 * 10^8 tries") is refused with zxcvbn's own hint.
 */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Why a password is too easy to guess, or null when it is strong enough. */
export function weakPasswordReason(password: string, userInputs: string[] = []): string | null {
  const inputs = userInputs
    .flatMap((v) => [v, v.replace(/[\s._-]+/g, ""), ...v.split(/[@.\s_-]+/)])
    .map((v) => v.toLowerCase())
    .filter((v) => v.length >= 3);
  const result = zxcvbn().check(password, ["segmently", ...inputs]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? null;
  return hint
    ? `This password is too easy to guess. ${hint}`
    : "This password is too easy to guess. Add more words or characters that don't follow a pattern.";
}
