/** Amounts as exact integer cents, so sums in memory equal PostgreSQL's `numeric` sums. */
export type DecimalLike = { toString(): string } | number | string;

/** Decimal text (`"12.30"`, `12.3`, Prisma Decimal) → integer cents. */
export function toCents(amount: DecimalLike): number {
  const text = typeof amount === "number" ? amount.toFixed(2) : amount.toString();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return Math.round(Number(text) * 100);
  const [, sign, whole = "", frac = ""] = m;
  const cents = Number(whole || "0") * 100 + Number((frac + "00").slice(0, 2));
  return sign === "-" ? -cents : cents;
}
