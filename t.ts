import { generatePassword } from "@/lib/passwords/hash";
import { passwordProblem } from "@/lib/passwords/policy";
let best = Infinity;
for (let k = 0; k < 15; k++) { const t = performance.now(); try { generatePassword({ regex: "^\\d{4}$" }); } catch {} best = Math.min(best, performance.now() - t); }
console.log("generate min", best);
best = Infinity;
const p = { regex: "^\\d{4}$" };
for (let k = 0; k < 15; k++) { const t = performance.now(); for (let i = 0; i < 1000; i++) passwordProblem("Abcdefgh12345678", "", p); best = Math.min(best, performance.now() - t); }
console.log("1000 checks min", best);
