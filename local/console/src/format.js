// Formatting of dates, durations and JSON documents (as text, never markup).

/** AWS JSON 1.0 timestamps are epoch seconds (fractional). */
export function toDate(value) {
  if (value === undefined || value === null) return null;
  return new Date(typeof value === 'number' ? value * 1000 : value);
}

export function dateTime(value) {
  const date = toDate(value);
  if (!date) return '-';
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function duration(from, to) {
  const start = toDate(from);
  if (!start) return '-';
  const end = toDate(to) ?? new Date();
  const ms = Math.max(0, end - start);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Pretty JSON when `text` parses, else the text itself. */
export function prettyJson(text) {
  if (text === undefined || text === null) return '';
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The last segment of an ARN (the name), for display. */
export function arnName(arn) {
  return String(arn ?? '').split(':').pop();
}
