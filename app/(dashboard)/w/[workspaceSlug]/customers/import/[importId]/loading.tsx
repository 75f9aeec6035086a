export default function ImportJobLoading() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="Loading the import">
      <div className="mb-3 h-4 w-28 rounded bg-slate-200/70" />
      <div className="mb-6 space-y-2">
        <div className="h-8 w-64 rounded-lg bg-slate-200" />
        <div className="h-4 w-80 max-w-full rounded bg-slate-200/70" />
      </div>
      <div className="mb-6 flex gap-3">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-6 w-28 rounded-full bg-slate-200/70" />
        ))}
      </div>
      <div className="h-40 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" />
      <div className="mt-6 h-96 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" />
    </div>
  );
}
