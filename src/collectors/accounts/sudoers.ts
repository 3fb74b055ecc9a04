// The user specifications of sudoers(5): "who where = (as whom) what". Only what Palisade reports
// is parsed: which users and %groups a rule names (User_Alias expanded), and the rule as written.
// Include directives are returned for the collector to follow; Defaults and other aliases are skipped.
export interface SudoRule {
  /** User list entries: names, "%group", "#uid", "ALL". */
  readonly who: readonly string[];
  /** The rule as written, on one line. */
  readonly text: string;
  readonly line: number;
}

export interface SudoersFile {
  readonly rules: SudoRule[];
  readonly includes: { readonly path: string; readonly dir: boolean }[];
  readonly userAliases: ReadonlyMap<string, readonly string[]>;
}

const splitList = (list: string) => list.split(',').map((item) => item.trim()).filter((item) => item !== '');

export function parseSudoers(text: string, aliases = new Map<string, readonly string[]>()): SudoersFile {
  const rules: SudoRule[] = [];
  const includes: { path: string; dir: boolean }[] = [];
  const userAliases = new Map(aliases);
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const number = index + 1;
    let line = lines[index] ?? '';
    // A backslash at the end continues the line.
    while (line.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      line = `${line.slice(0, -1)} ${lines[index] ?? ''}`;
    }
    line = line.trim();
    const include = /^[#@](include|includedir)\s+(.+)$/.exec(line);
    if (include) {
      includes.push({ path: (include[2] as string).trim().replace(/^"|"$/g, ''), dir: include[1] === 'includedir' });
      continue;
    }
    line = line.replace(/(^|\s)#(?!\d).*$/, '').trim(); // comments, but not "#uid"
    if (line === '' || /^Defaults\b/.test(line)) continue;
    const alias = /^(User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|Cmd_Alias)\s+(.*)$/.exec(line);
    if (alias) {
      if (alias[1] === 'User_Alias') {
        // "User_Alias ADMINS = alice, bob : OPS = carol"
        for (const definition of (alias[2] as string).split(':')) {
          const [name, members] = definition.split('=');
          if (name && members) userAliases.set(name.trim(), splitList(members));
        }
      }
      continue;
    }
    const equals = line.indexOf('=');
    if (equals < 0) continue;
    const left = line.slice(0, equals).replace(/\s*,\s*/g, ',').trim();
    const space = left.search(/\s/);
    if (space < 0) continue;
    const who = splitList(left.slice(0, space)).flatMap((entry) => userAliases.get(entry) ?? [entry]);
    rules.push({ who, text: line.replace(/\s+/g, ' '), line: number });
  }
  return { rules, includes, userAliases };
}

/** True when the rule's user list names this account directly, by uid, by one of its groups, or ALL. */
export function ruleApplies(rule: SudoRule, account: { name: string; uid: number }, groups: readonly string[], gids: readonly number[]): boolean {
  return rule.who.some((entry) => {
    if (entry.startsWith('!')) return false;
    if (entry === 'ALL' || entry === account.name) return true;
    if (entry === `#${account.uid}`) return true;
    if (entry.startsWith('%#')) return gids.includes(Number(entry.slice(2)));
    if (entry.startsWith('%')) return groups.includes(entry.slice(1));
    return false;
  });
}
