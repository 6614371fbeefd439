// dlab JavaScript runtime: the browser twin of org.dlab.engine.run (Functions, Vectors, Matrices,
// Allocations, DelayFixed, RunState, Run). Written once for every model; JavaScriptGenerator
// appends it to each generated module. Each function mirrors its Java counterpart operation by
// operation so that both give the same doubles.
const F = {
  log: (x, base) => Math.log(x) / Math.log(base),
  integer: (x) => (x < 0 ? Math.ceil(x) : Math.floor(x)),
  round: (x) => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5)),
  modulo: (x, m) => x % m,
  quantum: (x, q) => (q <= 0 ? x : q * F.integer(x / q)),
  xidz: (a, b, x) => (Math.abs(b) < 1e-6 ? x : a / b),
  zidz: (a, b) => (Math.abs(b) < 1e-6 ? 0 : a / b),
  // Functions.gammaLn: Lanczos (g = 7, 9 coefficients), reflection below 0.5, +Infinity at poles
  gammaLn(x) {
    if (x <= 0 && x === Math.round(x)) return Infinity;
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - F.gammaLn(1 - x);
    const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    const z = x - 1;
    let a = g[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++) a += g[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
  },
  step: (height, start, time, dt) => (time + dt / 2 > start ? height : 0),
  pulse(start, width, time, dt) {
    const w = width === 0 ? dt : width;
    return time + dt / 2 > start && time + dt / 2 < start + w ? 1 : 0;
  },
  pulseTrain(start, width, interval, end, time, dt) {
    if (time + dt / 2 < start || time - dt / 2 > end) return 0;
    const w = width === 0 ? dt : width;
    const since = time - start;
    const k = interval > 0 ? Math.floor((since + dt / 2) / interval) : 0;
    const inCycle = since - k * interval;
    return inCycle + dt / 2 > 0 && inCycle + dt / 2 < w ? 1 : 0;
  },
  ramp(slope, start, end, time) {
    if (time <= start) return 0;
    return slope * (Math.min(time, end) - start);
  },
  lookup(xs, ys, x) {
    const n = xs.length;
    if (n === 0) return NaN;
    if (x <= xs[0]) return ys[0];
    if (x >= xs[n - 1]) return ys[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo];
    const x1 = xs[hi];
    return x1 === x0 ? ys[hi] : ys[lo] + ((ys[hi] - ys[lo]) * (x - x0)) / (x1 - x0);
  },
  lookupExtrapolate(xs, ys, x) {
    const n = xs.length;
    if (n < 2) return F.lookup(xs, ys, x);
    if (x < xs[0]) return ys[0] + ((ys[1] - ys[0]) * (x - xs[0])) / (xs[1] - xs[0]);
    if (x > xs[n - 1]) return ys[n - 1] + ((ys[n - 1] - ys[n - 2]) * (x - xs[n - 1])) / (xs[n - 1] - xs[n - 2]);
    return F.lookup(xs, ys, x);
  },
  lookupBackward(xs, ys, x) {
    const n = xs.length;
    if (x <= xs[0]) return ys[0];
    for (let i = n - 1; i >= 0; i--) if (xs[i] <= x) return ys[i];
    return ys[0];
  },
  lookupForward(xs, ys, x) {
    const n = xs.length;
    for (let i = 0; i < n; i++) if (xs[i] >= x) return ys[i];
    return ys[n - 1];
  },
  lookupRaw(xs, ys, x) {
    const tol = 1e-9 * Math.max(1, Math.abs(x));
    for (let i = 0; i < xs.length; i++) if (Math.abs(xs[i] - x) <= tol) return ys[i];
    return NaN;
  },
  // Functions.calendar: measures 1-10 of a day count from Jan 1 of year 0; gregorian 0 is a 360-day year
  calendar(days, measure, gregorian) {
    if (!(Math.abs(days) <= 1e8)) return NaN;
    const day = Math.floor(days);
    const fraction = days - day;
    let year, month, dayOfMonth;
    if (gregorian !== 0) {
      const d = new Date(Date.UTC(2000, 0, 1));
      d.setUTCFullYear(0, 0, 1);
      d.setTime(d.getTime() + day * 86400000);
      year = d.getUTCFullYear();
      month = d.getUTCMonth() + 1;
      dayOfMonth = d.getUTCDate();
    } else {
      year = Math.floor(day / 360);
      const dayOfYear = day - 360 * year;
      month = Math.floor(dayOfYear / 30) + 1;
      dayOfMonth = (dayOfYear % 30) + 1;
    }
    switch (Math.trunc(measure)) {
      case 1: return year;
      case 2: return Math.floor((month - 1) / 3) + 1;
      case 3: return month;
      case 4: return dayOfMonth;
      case 5: return (((day + 6) % 7) + 7) % 7;
      case 6: return day;
      case 7: return Math.floor(fraction * 24);
      case 8: return Math.floor(fraction * 1440) % 60;
      case 9: return (fraction * 86400) % 60;
      case 10: return ((Math.floor(days * 86400) % 500000) + 500000) % 500000;
      default: return NaN;
    }
  },
  clock(measure) {
    const now = new Date();
    switch (Math.trunc(measure)) {
      case 1: return now.getFullYear();
      case 2: return Math.floor(now.getMonth() / 3) + 1;
      case 3: return now.getMonth() + 1;
      case 4: return now.getDate();
      case 5: return now.getDay();
      case 6: {
        const yearZero = new Date(Date.UTC(2000, 0, 1));
        yearZero.setUTCFullYear(0, 0, 1);
        return Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - yearZero.getTime()) / 86400000);
      }
      case 7: return now.getHours();
      case 8: return now.getMinutes();
      case 9: return now.getSeconds() + now.getMilliseconds() * 1e-3;
      case 10: return Math.floor(Date.now() / 1000) % 500000;
      default: return NaN;
    }
  },
};

/** Java's Double.compare: -0 before +0, NaN after everything. */
function dcompare(a, b) {
  if (a < b) return -1;
  if (a > b) return 1;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  const az = Object.is(a, -0);
  const bz = Object.is(b, -0);
  return az === bz ? 0 : az ? -1 : 1;
}

const Vectors = {
  select(sel, expr, missing, action, errorAction, index) {
    const a = Math.trunc(action);
    const err = Math.trunc(errorAction);
    if (a < 0 || a > 10) return NaN;
    const op = a <= 4 ? a : a === 5 ? 1 : a - 6;
    let acc = op === 1 ? 1 : op === 2 ? Infinity : op === 3 ? -Infinity : 0;
    let count = 0;
    for (let i = 0; i < sel.length; i++) {
      const s = sel[i];
      if (s === 0) continue;
      count++;
      const v = a <= 4 ? s * expr[i] : a === 5 ? Math.pow(expr[i], s) : expr[i];
      if (op === 1) acc *= v;
      else if (op === 2) acc = Math.min(acc, v);
      else if (op === 3) acc = Math.max(acc, v);
      else acc += v;
    }
    if (count === 0) return err === 1 || err === 3 ? NaN : missing;
    if (count > 1 && (err === 2 || err === 3)) return NaN;
    return op === 4 ? acc / count : acc;
  },
  sortOrder(v, direction, index) {
    const rank = direction > 0 ? index : v.length - 1 - index;
    const sorted = Array.from(v).sort(dcompare);
    const t = sorted[rank];
    let first = rank;
    while (first > 0 && dcompare(sorted[first - 1], t) === 0) first--;
    let k = rank - first;
    for (let i = 0; i < v.length; i++) {
      if (dcompare(v[i], t) === 0 && k-- === 0) return i;
    }
    return NaN;
  },
  rank(v, direction, index) {
    let r = 0;
    const x = v[index];
    for (let j = 0; j < v.length; j++) {
      const c = dcompare(v[j], x);
      if (c < 0 || (c === 0 && j < index)) r++;
    }
    return direction > 0 ? r + 1 : v.length - r;
  },
  positionOfRank(v, rank, index) {
    if (!(rank >= 1 && rank <= v.length)) return NaN;
    return Vectors.sortOrder(v, 1, Math.trunc(rank) - 1) + 1;
  },
  reorder: (v, order, index) => vectorElement(v, order),
  elmMap: (v, offset, index) => vectorElement(v, index + (offset < 0 ? Math.ceil(offset) : Math.floor(offset))),
};

function vectorElement(v, position) {
  if (!(position >= 0 && position < v.length)) return NaN;
  return v[Math.trunc(position)];
}

const Matrices = {
  // the inverses of this step by call site: inverse() writes one, its elements read it after
  inverses: new Map(),
  inverse(m, site, unused) {
    this.inverses.set(site, this.invertAll(m));
    return Math.sqrt(m.length);
  },
  inverseElement(order, site, index) {
    const inv = this.inverses.get(site);
    return inv === undefined || index >= inv.length ? NaN : inv[index];
  },
  invertAll(m) {
    const n = Math.round(Math.sqrt(m.length));
    const nan = new Array(m.length).fill(NaN);
    if (n * n !== m.length) return nan;
    const a = Array.from(m);
    const inv = new Array(m.length).fill(0);
    for (let i = 0; i < n; i++) inv[i * n + i] = 1;
    const swap = (x, r1, r2) => {
      for (let k = 0; k < n; k++) {
        const t = x[r1 * n + k];
        x[r1 * n + k] = x[r2 * n + k];
        x[r2 * n + k] = t;
      }
    };
    for (let col = 0; col < n; col++) {
      let pivot = col;
      for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
      const p = a[pivot * n + col];
      if (p === 0 || Number.isNaN(p)) return nan;
      if (pivot !== col) {
        swap(a, pivot, col);
        swap(inv, pivot, col);
      }
      for (let k = 0; k < n; k++) {
        a[col * n + k] /= p;
        inv[col * n + k] /= p;
      }
      for (let r = 0; r < n; r++) {
        const f = a[r * n + col];
        if (r === col || f === 0) continue;
        for (let k = 0; k < n; k++) {
          a[r * n + k] -= f * a[col * n + k];
          inv[r * n + k] -= f * inv[col * n + k];
        }
      }
    }
    return inv;
  },
};

const Allocations = {
  available(request, profiles, avail, index) {
    for (let i = 0; i < request.length; i++) {
      const type = Math.trunc(profiles[i * 4]);
      if (request[i] > 0 && (type < 1 || type > 4 || !(profiles[i * 4 + 2] > 0))) return NaN;
    }
    return Allocations.solve(request, profiles, avail, index);
  },
  byPriority(request, priority, width, supply, index) {
    if (!(width > 0)) return NaN;
    const profiles = new Array(request.length * 4).fill(0);
    for (let i = 0; i < request.length; i++) {
      profiles[i * 4] = 1;
      profiles[i * 4 + 1] = priority[i];
      profiles[i * 4 + 2] = width;
    }
    return Allocations.solve(request, profiles, supply, index);
  },
  solve(request, profiles, supply, index) {
    let total = 0;
    for (const q of request) {
      if (!(q >= 0)) return NaN;
      total += q;
    }
    if (!(supply >= 0)) return NaN;
    if (supply >= total) return request[index];
    if (supply === 0) return 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < request.length; i++) {
      if (request[i] === 0) continue;
      const p = profiles[i * 4 + 1];
      const type = Math.trunc(profiles[i * 4]);
      const w = profiles[i * 4 + 2];
      const reach = type === 3 ? 40 * w : type === 4 ? 750 * w : 0.5 * w;
      lo = Math.min(lo, p - reach);
      hi = Math.max(hi, p + reach);
    }
    const sum = (x) => {
      let s = 0;
      for (let i = 0; i < request.length; i++) s += Allocations.curve(request[i], profiles, i, x);
      return s;
    };
    for (let iter = 0; iter < 2000; iter++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (sum(mid) > supply) lo = mid;
      else hi = mid;
    }
    return Allocations.curve(request[index], profiles, index, 0.5 * (lo + hi));
  },
  curve(q, profiles, i, x) {
    if (q === 0) return 0;
    const type = Math.trunc(profiles[i * 4]);
    const p = profiles[i * 4 + 1];
    const w = profiles[i * 4 + 2];
    switch (type) {
      case 1: {
        const u = (x - (p - 0.5 * w)) / w;
        return u <= 0 ? q : u >= 1 ? 0 : q * (1 - u);
      }
      case 2: {
        const u = (x - (p - 0.5 * w)) / w;
        if (u <= 0) return q;
        if (u >= 1) return 0;
        return u < 0.5 ? q * (1 - 2 * u * u) : q * 2 * (1 - u) * (1 - u);
      }
      case 3:
        return q * 0.5 * Allocations.erfc((x - p) / (Math.sqrt(2) * w));
      case 4:
        return x < p ? q * (1 - 0.5 * Math.exp((x - p) / w)) : q * 0.5 * Math.exp((p - x) / w);
      default:
        return NaN;
    }
  },
  // Vensim's normal profile: Abramowitz and Stegun 7.1.25 (see Allocations.erfc)
  erfc(x) {
    if (Number.isNaN(x)) return x;
    if (x < 0) return 2 - Allocations.erfc(-x);
    const t = 1 / (1 + 0.47047 * x);
    return t * (0.3480242 + t * (-0.0958798 + t * 0.7478556)) * Math.exp(-x * x);
  },
};

/** DELAY FIXED's pipeline: a ring of the last round(delay / dt) inputs (Java's Math.round). */
class DelayFixed {
  constructor() {
    this.ring = new Float64Array(0);
    this.head = 0;
    this.initial = 0;
  }
  init(delay, initialValue, dt) {
    const n = Math.max(0, Math.floor(delay / dt + 0.5));
    if (n > 50000000) throw new Error("DELAY FIXED pipeline of " + n + " steps is too long");
    if (this.ring.length !== n) this.ring = new Float64Array(n);
    this.ring.fill(initialValue);
    this.initial = initialValue;
    this.head = 0;
  }
  value() {
    return this.ring.length === 0 ? this.initial : this.ring[this.head];
  }
  push(input) {
    if (this.ring.length === 0) {
      this.initial = input;
      return;
    }
    this.ring[this.head] = input;
    this.head = this.head + 1 === this.ring.length ? 0 : this.head + 1;
  }
}

const MASK64 = (1n << 64n) - 1n;

/** java.util.SplittableRandom (Steele, Lea and Flood 2014) bit for bit, so seeded runs repeat the JVM's. */
class SplittableRandom {
  constructor(seed) {
    this.seed = BigInt.asUintN(64, BigInt(seed));
  }
  nextDouble() {
    this.seed = (this.seed + 0x9e3779b97f4a7c15n) & MASK64;
    let z = this.seed;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    z = z ^ (z >> 31n);
    return Number(z >> 11n) * 2 ** -53;
  }
}

// RunState.truncated: a draw outside [min, max] is drawn again; after MAX_DRAWS the nearest bound
const MAX_DRAWS = 10000;
function truncated(draw, min, max) {
  let v = NaN;
  for (let i = 0; i < MAX_DRAWS; i++) {
    v = draw();
    if (v >= min && v <= max) return v;
  }
  return Math.max(min, Math.min(max, v));
}

class RunState {
  constructor(pipelines, seed) {
    this.states = [];
    for (let i = 0; i < pipelines; i++) this.states.push(new DelayFixed());
    this.random = new SplittableRandom(seed);
  }
  uniform(min, max) {
    return min + (max - min) * this.random.nextDouble();
  }
  gaussian() {
    let u, v, s;
    do {
      u = 2 * this.random.nextDouble() - 1;
      v = 2 * this.random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
  normal(min, max, mean, sd) {
    return truncated(() => mean + sd * this.gaussian(), min, max);
  }
  exponential(min, max, shift, stretch) {
    return truncated(() => shift + stretch * -Math.log(1 - this.random.nextDouble()), min, max);
  }
  poisson(min, max, shift, stretch, mean) {
    return truncated(() => shift + stretch * this.poissonDraw(mean), min, max);
  }
  poissonDraw(mean) {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.random.nextDouble();
    } while (p > l && k < 1000000);
    return k - 1;
  }
  gamma(min, max, shift, stretch, k) {
    return truncated(() => shift + stretch * this.gammaDraw(k), min, max);
  }
  gammaDraw(k) {
    if (k < 1) return this.gammaDraw(k + 1) * Math.pow(this.random.nextDouble(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.gaussian();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }
  lognormal(min, max, shift, stretch, mean, sd) {
    return truncated(() => shift + stretch * Math.exp(mean + sd * this.gaussian()), min, max);
  }
  triangular(min, max, start, peak, end) {
    return truncated(() => {
      const u = this.random.nextDouble();
      const f = (peak - start) / (end - start);
      return u < f ? start + Math.sqrt(u * (end - start) * (peak - start)) : end - Math.sqrt((1 - u) * (end - start) * (end - peak));
    }, min, max);
  }
  beta(min, max, shift, stretch, a, b) {
    return truncated(() => {
      const x = this.gammaDraw(a);
      const y = this.gammaDraw(b);
      return shift + (stretch * x) / (x + y);
    }, min, max);
  }
  binomial(min, max, shift, stretch, p, n) {
    return truncated(() => {
      let k = 0;
      const count = javaInt(n);
      for (let i = 0; i < count; i++) if (this.random.nextDouble() < p) k++;
      return shift + stretch * k;
    }, min, max);
  }
  negativeBinomial(min, max, shift, stretch, k, p) {
    return truncated(() => {
      let failures = 0;
      let successes = 0;
      const need = javaInt(k);
      while (successes < need && failures < 10000000) {
        if (this.random.nextDouble() < p) successes++;
        else failures++;
      }
      return shift + stretch * failures;
    }, min, max);
  }
  weibull(min, max, shift, stretch, k) {
    const scale = Math.exp(-F.gammaLn(1 + 1 / k));
    return truncated(() => shift + stretch * scale * Math.pow(-Math.log(1 - this.random.nextDouble()), 1 / k), min, max);
  }
}

/** Java's (int) cast of a double: NaN to 0, saturating at the int range. */
function javaInt(x) {
  if (Number.isNaN(x)) return 0;
  return Math.max(-2147483648, Math.min(2147483647, Math.trunc(x)));
}

const TABLEAU = {
  euler: { a: [[]], b: [1], c: [0] },
  rk2: { a: [[], [1]], b: [0.5, 0.5], c: [0, 1] },
  rk4: { a: [[], [0.5], [0, 0.5], [0, 0, 1]], b: [1 / 6, 1 / 3, 1 / 3, 1 / 6], c: [0, 0.5, 0.5, 1] },
};

/**
 * One step from the state at t (auxiliaries already evaluated there), as Run.step and Run's Euler
 * path. Module-level rather than a closure per run: V8 inlines a call only while its target stays
 * the same function, and a new closure per run deoptimised the loop (3x slower runs).
 */
function advance(s, next, rs, k, y0, tab, nonNegative, t, dt) {
  const nStocks = meta.nStocks;
  const nDiscrete = meta.nDiscrete;
  const stages = tab.b.length;
  update(s, next, t, rs);
  if (stages === 1) {
    const k0 = k[0];
    rates(s, k0, t, rs);
    for (let j = 0; j < nStocks; j++) s[j] += dt * k0[j];
  } else {
    for (let j = 0; j < nStocks; j++) y0[j] = s[j];
    for (let st = 0; st < stages; st++) {
      if (st > 0) {
        const a = tab.a[st];
        for (let j = 0; j < nStocks; j++) {
          let y = y0[j];
          for (let q = 0; q < a.length; q++) y += dt * a[q] * k[q][j];
          s[j] = y;
        }
        evaluate(s, t + tab.c[st] * dt, rs);
      }
      rates(s, k[st], t + tab.c[st] * dt, rs);
    }
    for (let j = 0; j < nStocks; j++) {
      let y = y0[j];
      for (let q = 0; q < stages; q++) y += dt * tab.b[q] * k[q][j];
      s[j] = y;
    }
  }
  if (nonNegative !== null) for (let j = 0; j < nStocks; j++) if (nonNegative[j] && s[j] < 0) s[j] = 0;
  for (let j = 0; j < nDiscrete; j++) s[nStocks + j] = next[j];
}

/**
 * One simulation, as org.dlab.engine.run.Run: time is t0 + n*dt. {@code overrides} maps slot to
 * value (constants and initial values); {@code outSlots} lists the slots to save (default: every
 * visible variable, in meta.names order). Returns {times, columns}, one Float64Array per slot.
 */
export function simulate(overrides = {}, outSlots = meta.slots, seed = 1, method = meta.method) {
  const n0 = meta.slotCount;
  const nStocks = meta.nStocks;
  const nDiscrete = meta.nDiscrete;
  const s = new Float64Array(n0);
  const fixed = new Uint8Array(n0);
  for (const key of Object.keys(overrides)) {
    const slot = Number(key);
    if (!(Number.isInteger(slot) && slot >= 0 && slot < n0)) throw new Error("no slot " + key);
    fixed[slot] = 1;
    s[slot] = +overrides[key];
  }
  const rs = new RunState(meta.nStates, seed);
  initialize(s, fixed, rs);
  const t0 = s[meta.itSlot];
  const tf = s[meta.ftSlot];
  const dt = s[meta.dtSlot];
  let saveper = s[meta.saveSlot];
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error("TIME STEP must be a positive number, got " + dt);
  if (!(tf >= t0)) throw new Error("FINAL TIME (" + tf + ") is before INITIAL TIME (" + t0 + ")");
  const steps = (tf - t0) / dt;
  if (steps > 200000000) throw new Error("the run would take " + Math.trunc(steps) + " steps; the limit is 200000000");
  const n = Math.floor(steps + 1e-6);
  if (!(saveper > 0)) saveper = dt;
  const every = Math.max(1, Math.floor(saveper / dt + 0.5));
  const tab = TABLEAU[method];
  if (!tab) throw new Error("no integration method " + method);
  const k = tab.b.map(() => new Float64Array(nStocks));
  const y0 = new Float64Array(nStocks);
  const next = new Float64Array(nDiscrete);
  const nOut = outSlots.length;
  const slots = Int32Array.from(outSlots);
  const nonNegative = meta.anyNonNegative ? meta.nonNegative : null;
  // fixed steps save exactly floor(n / every) + 1 rows; only a changing TIME STEP can need more
  let cap = meta.dynamicControl ? 64 : Math.floor(n / every) + 1;
  // one buffer for every saved column: V8 allocates each ArrayBuffer outside its heap, slowly
  const buf = new Float64Array(cap * (nOut + 1));
  let times = buf.subarray(0, cap);
  let cols = [];
  for (let c = 0; c < nOut; c++) cols.push(buf.subarray((c + 1) * cap, (c + 2) * cap));
  let rows = 0;
  if (!meta.dynamicControl) {
    for (let i = 0; ; i++) {
      const t = t0 + i * dt;
      evaluate(s, t, rs);
      if (i % every === 0) {
        times[rows] = t;
        for (let c = 0; c < nOut; c++) cols[c][rows] = s[slots[c]];
        rows++;
      }
      if (i >= n) break;
      advance(s, next, rs, k, y0, tab, nonNegative, t, dt);
    }
  } else {
    // TIME STEP, SAVEPER or FINAL TIME computed each step: as Run.simulateDynamicControl
    let t = t0;
    let nextSave = t0;
    for (let i = 0; i < 200000000; i++) {
      evaluate(s, t, rs);
      const dti = s[meta.dtSlot];
      const tfi = s[meta.ftSlot];
      if (!(dti > 0)) throw new Error("TIME STEP became " + dti + " at time " + t);
      const eps = 1e-9 * Math.max(1, Math.abs(t));
      if (t >= nextSave - eps) {
        if (rows === cap) {
          cap *= 2;
          const grow = (a) => {
            const b = new Float64Array(cap);
            b.set(a);
            return b;
          };
          times = grow(times);
          cols = cols.map(grow);
        }
        times[rows] = t;
        for (let c = 0; c < nOut; c++) cols[c][rows] = s[slots[c]];
        rows++;
        nextSave = t + (s[meta.saveSlot] > 0 ? s[meta.saveSlot] : dti);
      }
      if (t >= tfi - eps) break;
      advance(s, next, rs, k, y0, tab, nonNegative, t, dti);
      t += dti;
    }
  }
  if (rows === cap) return { times: times, columns: cols };
  return { times: times.slice(0, rows), columns: cols.map((c) => c.slice(0, rows)) };
}
