// The two regex dialects of SCA policies behind one door. Which one a rule uses is decided by
// `regex_type` on the check, then on the policy, then by the policy's format (see policy-loader).
import { compileOsRegex } from './os-regex.js';
import { compilePcre2 } from './pcre2.js';

export type RegexDialect = 'osregex' | 'pcre2';

export type CompiledRegex = { readonly regex: RegExp; readonly source: string } | { readonly error: string };

const cache = new Map<string, CompiledRegex>();

/** Compiles (and memoizes: policies repeat the same patterns hundreds of times). */
export function compileRegex(pattern: string, dialect: RegexDialect): CompiledRegex {
  const key = `${dialect}\u0000${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = dialect === 'osregex' ? compileOsRegex(pattern) : compilePcre2(pattern);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}
