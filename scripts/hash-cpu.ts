import { hashPassword, verifyPassword } from "@/lib/passwords/hash";
const stored = await hashPassword("Correct-horse-battery-staple-42");
const before = process.cpuUsage();
const n = 400;
for (let i = 0; i < n; i++) await verifyPassword(stored, "Correct-horse-battery-staple-42");
const used = process.cpuUsage(before);
console.log(`argon2id verify: ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU each`);
