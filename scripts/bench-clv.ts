/**
 * Times the BG/NBD and Gamma-Gamma fits on 100,000 simulated customers observed for up to two
 * years, purchase times in whole days. Run: npx tsx scripts/bench-clv.ts
 */
import { fitBgNbd, simulateBgNbd } from "../lib/analytics/bgnbd";
import { fitGammaGamma, simulateGammaGamma } from "../lib/analytics/gamma-gamma";

const Ts = Array.from({ length: 100_000 }, (_, i) => 1 + ((i % 365) / 7) * 2);
const data = simulateBgNbd({ r: 0.5, alpha: 6, a: 0.7, b: 3 }, Ts, 3).map((d) => ({ ...d, tx: Math.round(d.tx * 7) / 7 }));
let t0 = performance.now();
const bg = fitBgNbd(data);
console.log(`BG/NBD fit, ${data.length} customers: ${((performance.now() - t0) / 1000).toFixed(2)} s`, bg.params);
const spend = simulateGammaGamma({ p: 6, q: 4, v: 15 }, data.filter((d) => d.x > 0).map((d) => d.x), 1);
t0 = performance.now();
const gg = fitGammaGamma(spend);
console.log(`Gamma-Gamma fit, ${spend.length} repeat buyers: ${((performance.now() - t0) / 1000).toFixed(2)} s`, gg.params);
