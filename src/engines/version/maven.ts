// Maven versions ordered as Maven's ComparableVersion: a tree of numbers, qualifiers and
// sub-lists (a '-' or a digit/letter switch opens a sub-list), trailing "null" items dropped,
// known qualifiers ordered alpha < beta < milestone < rc < snapshot < release < sp.
import { VersionParseError, compareDigits, schemeFromParser } from './scheme.js';

type Item = { readonly kind: 'int'; readonly value: string } | { readonly kind: 'string'; readonly value: string } | ListItem;
interface ListItem {
  readonly kind: 'list';
  readonly items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function stringItem(text: string, followedByDigit: boolean): Item {
  let value = text;
  // "a1", "b2", "m3" abbreviate alpha, beta, milestone only when a number follows.
  if (followedByDigit && value.length === 1) value = value === 'a' ? 'alpha' : value === 'b' ? 'beta' : value === 'm' ? 'milestone' : value;
  return { kind: 'string', value: ALIASES[value] ?? value };
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', value: text.replace(/^0+(?=\d)/, '') } : stringItem(text, false);
}

export function parseMaven(input: string): ListItem {
  const version = input.trim().toLowerCase();
  if (version === '') throw new VersionParseError('maven', input, 'empty version');
  if (/\s/.test(version)) throw new VersionParseError('maven', input, 'contains whitespace');
  const root: ListItem = { kind: 'list', items: [] };
  const stack: ListItem[] = [root];
  let list = root;
  const open = () => {
    const next: ListItem = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version[i] ?? '';
    if (c === '.' || c === '-') {
      const item = i === start ? ({ kind: 'int', value: '0' } as const) : parseItem(isDigit, version.slice(start, i));
      start = i + 1;
      // A release qualifier before '-' ("1-ga-1") says nothing: 1-ga-1 equals 1-1.
      if (c === '-' && item.kind === 'string' && isNull(item) && list !== root) continue;
      list.items.push(item);
      if (c === '-') open();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.items.push(stringItem(version.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, version.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (version.length > start) list.items.push(parseItem(isDigit, version.slice(start)));
  while (stack.length > 0) normalize(stack.pop() as ListItem);
  return root;
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === '0';
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i] as Item;
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

function compareItem(a: Item, b: Item | undefined): number {
  if (a.kind === 'int') {
    if (b === undefined) return a.value === '0' ? 0 : 1;
    return b.kind === 'int' ? compareDigits(a.value, b.value) : 1;
  }
  if (a.kind === 'string') {
    const qa = comparableQualifier(a.value);
    if (b === undefined) return qa < RELEASE_INDEX ? -1 : qa > RELEASE_INDEX ? 1 : 0;
    if (b.kind === 'int' || b.kind === 'list') return -1;
    const qb = comparableQualifier(b.value);
    return qa < qb ? -1 : qa > qb ? 1 : 0;
  }
  if (b === undefined) {
    const first = a.items[0];
    return first === undefined ? 0 : compareItem(first, undefined);
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'string') return 1;
  for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
    const l = a.items[i];
    const r = b.items[i];
    const diff = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (diff !== 0) return diff;
  }
  return 0;
}

export const mavenScheme = schemeFromParser('maven', ['Maven'], parseMaven, (a, b) => compareItem(a, b));
