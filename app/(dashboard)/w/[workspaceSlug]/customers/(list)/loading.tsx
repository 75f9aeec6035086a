export default function CustomersLoading() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="Loading customers">
      <div className="mb-6 flex items-end justify-between gap-4">
        <div className="space-y-2">
          <div className="h-8 w-40 rounded-lg bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-200/70" />
        </div>
        <div className="flex gap-2">
          <div className="h-10 w-32 rounded-lg bg-slate-200/70" />
          <div className="h-10 w-36 rounded-lg bg-slate-200" />
        </div>
      </div>
      <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-3">
          <div className="h-9 w-72 rounded-lg bg-slate-200/70" />
          <div className="h-9 w-56 rounded-lg bg-slate-200/50" />
          <div className="ml-auto h-9 w-24 rounded-lg bg-slate-200/50" />
        </div>
        <div className="h-10 bg-slate-50" />
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-t border-slate-100 px-4 py-3">
            <div className="size-8 rounded-full bg-slate-200/70" />
            <div className="h-4 w-40 rounded bg-slate-200/70" />
            <div className="h-4 w-48 rounded bg-slate-200/50" />
            <div className="h-4 w-24 rounded bg-slate-200/50" />
            <div className="ml-auto h-4 w-20 rounded bg-slate-200/50" />
          </div>
        ))}
      </div>
    </div>
  );
}
