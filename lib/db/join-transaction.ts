import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A client for code that opens its own transaction (`client.$transaction(fn)`), bound to a
 * transaction the caller already holds: `$transaction(fn)` runs `fn` inside it. A service uses it to
 * make an engine operation and its audit entry one transaction.
 */
export function joinTransaction(tx: Prisma.TransactionClient): PrismaClient {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "$transaction") {
        return (arg: unknown) =>
          typeof arg === "function"
            ? (arg as (inner: Prisma.TransactionClient) => Promise<unknown>)(target)
            : Promise.all(arg as Promise<unknown>[]);
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as PrismaClient;
}
