// Durations in words for people, not clocks: "in 5 h 7 min", not "in 307:18".

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// How long until something `ms` milliseconds away, rounded down to a useful precision:
// seconds under a minute, minutes and seconds under 10 minutes, whole minutes under an hour,
// hours and minutes under a day, then days and hours.
export function untilText(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `in ${s} s`;
  const min = Math.floor(s / 60);
  if (min < 10) return `in ${min} min${s % 60 ? ` ${s % 60} s` : ""}`;
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `in ${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  const days = Math.floor(h / 24);
  return `in ${plural(days, "day", "days")}${h % 24 ? ` ${h % 24} h` : ""}`;
}
