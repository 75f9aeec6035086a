export default function ImportLoading() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="Loading imports">
      <div className="mb-3 h-4 w-24 rounded bg-slate-200/70" />
      <div className="mb-6 space-y-2">
        <div className="h-8 w-44 rounded-lg bg-slate-200" />
        <div className="h-4 w-[32rem] max-w-full rounded bg-slate-200/70" />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="h-96 rounded-xl bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-2" />
        <div className="h-56 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" />
      </div>
      <div className="mt-6 h-48 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" />
    </div>
  );
}
