export function Logo({ withName = true }: { withName?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <circle cx="12" cy="13" r="5" fill="#c7d2fe" />
        <circle cx="20" cy="13" r="5" fill="#a5b4fc" fillOpacity=".85" />
        <circle cx="16" cy="20" r="5" fill="#e0e7ff" fillOpacity=".9" />
      </svg>
      {withName && <span className="text-lg">Segmently</span>}
    </span>
  );
}
