// Timestamps of syslog-style auth logs. Classic BSD dates carry no year: the year is the one that
// puts the date at most one day after the clock, so December lines read in January fall in the
// previous year (year roll-over). Non-English month names seen in the wild (fail2ban's corpus:
// "Déc", "Dez", "De", "Aou") are accepted.

const months: Readonly<Record<string, number>> = {
  jan: 0, janv: 0, ene: 0, gen: 0,
  feb: 1, fev: 1, fevr: 1, febr: 1,
  mar: 2, mars: 2, mrz: 2,
  apr: 3, avr: 3, abr: 3,
  may: 4, mai: 4, mag: 4,
  jun: 5, juin: 5, giu: 5,
  jul: 6, juil: 6, lug: 6,
  aug: 7, aou: 7, ago: 7,
  sep: 8, sept: 8, set: 8,
  oct: 9, okt: 9, ott: 9,
  nov: 10,
  dec: 11, dez: 11, dic: 11, de: 11,
};

const monthCache = new Map<string, number | undefined>();

export function monthIndex(name: string): number | undefined {
  if (monthCache.has(name)) return monthCache.get(name);
  const key = name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const index = months[key];
  if (monthCache.size < 256) monthCache.set(name, index);
  return index;
}

const DAY_MS = 86_400_000;

/** Date.UTC(year, month, 1) by year * 12 + month: the year-less dates of a log fall in few months. */
const monthStarts = new Map<number, number>();

function monthStart(year: number, month: number): number {
  const key = year * 12 + month;
  let start = monthStarts.get(key);
  if (start === undefined) {
    start = Date.UTC(year, month, 1);
    if (monthStarts.size >= 256) monthStarts.clear();
    monthStarts.set(key, start);
  }
  return start;
}

/**
 * Date.UTC for a month 0-11 and a possibly overflowing day and clock ("Feb 31", "25:61"): the
 * spec's MakeDay and MakeTime are linear in those, so the sum is what Date.UTC returns.
 */
function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): number {
  return monthStart(year, month) + (day - 1) * DAY_MS + h * 3_600_000 + m * 60_000 + s * 1000 + ms;
}

/** A year-less local date placed in the year that keeps it no later than `now` + 1 day. */
export function placeYearless(
  month: number, day: number, h: number, m: number, s: number, ms: number,
  now: Date, utcOffsetMinutes: number,
): Date {
  const year = now.getUTCFullYear();
  const shift = utcOffsetMinutes * 60_000;
  let t = utc(year, month, day, h, m, s, ms) - shift;
  if (t > now.getTime() + DAY_MS) t = utc(year - 1, month, day, h, m, s, ms) - shift;
  return new Date(t);
}

export interface TimePrefix {
  readonly time: Date | null;
  /** Index in the line where the rest (host, program…) starts. */
  readonly rest: number;
}

// "Jun 21 16:47:48", "Feb 7 16:01:07", "De  31 11:59:59", optional fraction.
const classic = /^([^\d\s]{2,5}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? +/;
// RFC 3339 (rsyslog's high-precision format) and the zone-less ISO variant with a space or "/".
const iso = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})? +/;
const epoch = /^(\d{9,10})(?:\.\d+)? +/;

/** English month abbreviations by their three character codes (c0 << 16 | c1 << 8 | c2). */
const englishMonths = new Map(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((name, i) => [(name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2), i]));

function digit(line: string, at: number): number {
  const c = line.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -100;
}

/**
 * The last "Mmm dd hh:mm:ss" read, as a number, with its time: lines of one second share their
 * Date, and comparing a number costs less than comparing the text.
 */
let lastClassic: { key: number; time: Date; now: Date; offset: number } | null = null;

/** "Mmm dd hh:mm:ss " exactly (rsyslog's default): read without a regex, the hot path. */
function classicFast(line: string, now: Date, utcOffsetMinutes: number): TimePrefix | null {
  if (line.length < 16 || line.charCodeAt(3) !== 32 || line.charCodeAt(6) !== 32 || line.charCodeAt(9) !== 58 || line.charCodeAt(12) !== 58 || line.charCodeAt(15) !== 32) return null;
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  const c2 = line.charCodeAt(2);
  const month = c0 < 256 && c1 < 256 && c2 < 256 ? englishMonths.get((c0 << 16) | (c1 << 8) | c2) : undefined;
  if (month === undefined) return null;
  const day = (line.charCodeAt(4) === 32 ? 0 : digit(line, 4) * 10) + digit(line, 5);
  const h = digit(line, 7) * 10 + digit(line, 8);
  const m = digit(line, 10) * 10 + digit(line, 11);
  const sec = digit(line, 13) * 10 + digit(line, 14);
  if (day < 1 || h < 0 || m < 0 || sec < 0) return null;
  const key = (((month * 100 + day) * 100 + h) * 100 + m) * 100 + sec;
  const cached = lastClassic;
  if (cached && cached.key === key && cached.now === now && cached.offset === utcOffsetMinutes) return { time: cached.time, rest: 16 };
  const time = placeYearless(month, day, h, m, sec, 0, now, utcOffsetMinutes);
  lastClassic = { key, time, now, offset: utcOffsetMinutes };
  return { time, rest: 16 };
}

function fractionMs(text: string | undefined): number {
  return text ? Number(text.slice(0, 3).padEnd(3, '0')) : 0;
}

/** Reads the time at the start of a line; `time` null and `rest` 0 when there is none. */
export function parseTimePrefix(line: string, now: Date, utcOffsetMinutes: number): TimePrefix {
  const first = line.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const isoMatch = iso.exec(line);
    if (isoMatch) {
      const [, y, mo, d, h, mi, s, frac, zone] = isoMatch;
      const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), fractionMs(frac));
      let offset = utcOffsetMinutes;
      if (zone === 'Z') offset = 0;
      else if (zone) {
        const sign = zone.startsWith('-') ? -1 : 1;
        const digits = zone.slice(1).replace(':', '');
        offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      }
      return { time: new Date(local - offset * 60_000), rest: isoMatch[0].length };
    }
    const epochMatch = epoch.exec(line);
    if (epochMatch) return { time: new Date(Number(epochMatch[1]) * 1000), rest: epochMatch[0].length };
    return { time: null, rest: 0 };
  }
  const fast = classicFast(line, now, utcOffsetMinutes);
  if (fast) return fast;
  const m = classic.exec(line);
  if (m) {
    const month = monthIndex(m[1] ?? '');
    if (month !== undefined) {
      const time = placeYearless(month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), fractionMs(m[6]), now, utcOffsetMinutes);
      return { time, rest: m[0].length };
    }
  }
  return { time: null, rest: 0 };
}
