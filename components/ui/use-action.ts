"use client";

import { useCallback, useState, useTransition } from "react";
import { toast } from "sonner";

type Result<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

/**
 * Calls a server action, tracks its pending state and keeps its field errors for the form.
 * A failure without field errors is shown as a toast; a success may show one too.
 */
export function useAction<A extends unknown[], T>(
  action: (...args: A) => Promise<Result<T>>,
  options: { success?: string | ((data: T) => string); onSuccess?: (data: T) => void } = {},
) {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const { success, onSuccess } = options;

  const execute = useCallback(
    (...args: A) =>
      new Promise<Result<T> | undefined>((resolve) => {
        startTransition(async () => {
          setError(null);
          let result: Result<T> | undefined;
          try {
            result = await action(...args);
          } catch {
            setError("We could not reach the server. Check your connection and try again.");
            resolve(undefined);
            return;
          }
          // A redirecting action navigates away and returns nothing.
          if (!result) return resolve(undefined);
          if (result.ok) {
            setFieldErrors({});
            if (success) toast.success(typeof success === "function" ? success(result.data) : success);
            onSuccess?.(result.data);
          } else {
            setFieldErrors(result.fieldErrors ?? {});
            setError(result.error);
            if (!result.fieldErrors) toast.error(result.error);
          }
          resolve(result);
        });
      }),
    [action, success, onSuccess],
  );

  return { execute, pending, fieldErrors, error, setFieldErrors };
}
