// A drift-free phase timer for the browser: phase i ends at start + (sum of durations up to i)
// on the performance.now() clock, shifted only by pauses and skips. Each wake-up re-reads the
// clock, so late timers never add up. Beeps are scheduled ahead on the Web Audio clock.
export class PhaseTimer {
  constructor(durationsMs, { onPhase, onTick, audio } = {}) {
    this.durations = durationsMs;
    this.onPhase = onPhase || (() => {});
    this.onTick = onTick || (() => {});
    this.audio = audio || null;
    this.ends = [];
    this.index = -1;
    this.pausedAt = null;
    this.log = []; // {index, scheduled, actual}: phase changes, for tests and the drift benchmark
    this._timeout = null;
    this._frame = null;
  }

  start(now = performance.now()) {
    let t = now;
    this.startedAt = now;
    this.ends = this.durations.map((d) => (t += d));
    this.index = 0;
    this.onPhase(0, null);
    this._scheduleBeeps();
    this._wake();
  }

  get paused() { return this.pausedAt !== null; }
  get done() { return this.index >= this.ends.length; }

  remainingMs(now = performance.now()) {
    if (this.done) return 0;
    const at = this.pausedAt ?? now;
    return Math.max(0, this.ends[this.index] - at);
  }

  elapsedMs(i, now = performance.now()) {
    const begin = i > 0 ? this.ends[i - 1] : this.startedAt;
    return Math.max(0, Math.min(this.pausedAt ?? now, this.ends[i]) - begin);
  }

  pause() {
    if (this.paused || this.done) return;
    this.pausedAt = performance.now();
    clearTimeout(this._timeout);
    if (this.audio) this.audio.cancel();
  }

  resume() {
    if (!this.paused) return;
    const by = performance.now() - this.pausedAt;
    for (let j = this.index; j < this.ends.length; j++) this.ends[j] += by;
    this.pausedAt = null;
    this._scheduleBeeps();
    this._wake();
  }

  skip() {
    if (this.done) return;
    const now = this.pausedAt ?? performance.now();
    const by = now - this.ends[this.index];
    for (let j = this.index; j < this.ends.length; j++) this.ends[j] += by;
    if (this.audio) this.audio.cancel();
    this._advance(now);
    if (!this.paused) { this._scheduleBeeps(); this._wake(); }
  }

  stop() {
    clearTimeout(this._timeout);
    cancelAnimationFrame(this._frame);
    if (this.audio) this.audio.cancel();
    this.index = this.ends.length;
  }

  _advance(now) {
    while (!this.done && now >= this.ends[this.index]) {
      const ended = this.index;
      this.log.push({ index: ended, scheduled: this.ends[ended], actual: now });
      this.index += 1;
      this.onPhase(this.index, ended);
    }
  }

  _wake() {
    clearTimeout(this._timeout);
    if (this.paused || this.done) return;
    const now = performance.now();
    this._advance(now);
    this.onTick(this.remainingMs(now));
    if (this.done) return;
    // sleep until the absolute end of this phase (or the next display tick, if sooner)
    const untilEnd = this.ends[this.index] - performance.now();
    this._timeout = setTimeout(() => this._wake(), Math.max(0, Math.min(untilEnd, 250)));
  }

  _scheduleBeeps() {
    if (!this.audio) return;
    const now = performance.now();
    for (let j = this.index; j < this.ends.length; j++) this.audio.beepIn((this.ends[j] - now) / 1000, j);
  }
}

// Beeps on the Web Audio clock: scheduled ahead, so they land on time even if the page is busy.
export class Beeper {
  constructor() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    this.ctx = Ctx ? new Ctx() : null;
    this.nodes = [];
  }
  beepIn(seconds, key) {
    if (!this.ctx || seconds < 0) return;
    const t = this.ctx.currentTime + seconds;
    const osc = this.ctx.createOscillator();
    const gain = this.ctx.createGain();
    osc.frequency.value = key % 2 ? 660 : 880;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
    osc.connect(gain).connect(this.ctx.destination);
    osc.start(t);
    osc.stop(t + 0.3);
    this.nodes.push(osc);
  }
  cancel() {
    for (const osc of this.nodes) { try { osc.stop(); } catch { /* already stopped */ } }
    this.nodes = [];
  }
}
