// Wazuh's OS_Match ("sregex") dialect, used by directory rules to pick file names when the
// matcher is not an `r:` regex (`d:/etc/profile.d -> .sh`): a case-insensitive substring test,
// `^` for "starts with", `$` for "ends with", `|` between alternatives and a leading `!` that
// negates the whole test (os_regex/os_match_compile.c).
export type NameMatcher = (name: string) => boolean;

export function compileOsMatch(pattern: string): NameMatcher {
  const negate = pattern.startsWith('!');
  const body = negate ? pattern.slice(1) : pattern;
  const tests = body.split('|').map((alternative): NameMatcher => {
    let text = alternative.toLowerCase();
    const begin = text.startsWith('^');
    if (begin) text = text.slice(1);
    const end = text.endsWith('$');
    if (end) text = text.slice(0, -1);
    if (begin && end) return (name) => name.toLowerCase() === text;
    if (begin) return (name) => name.toLowerCase().startsWith(text);
    if (end) return (name) => name.toLowerCase().endsWith(text);
    return (name) => name.toLowerCase().includes(text);
  });
  return (name) => tests.some((test) => test(name)) !== negate;
}
