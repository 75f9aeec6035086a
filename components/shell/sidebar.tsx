"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Building2, ChevronsUpDown, LayoutDashboard, Lightbulb, Menu as MenuIcon, Settings, Target, Users, UserSquare2, X, PieChart, Check, Plus, LogOut, KeyRound } from "lucide-react";
import { Logo } from "@/components/brand/logo";
import { Menu, MenuLabel, MenuSeparator, menuItemClass } from "@/components/ui/menu";
import { cn } from "@/components/ui/cn";
import { NAV_ITEMS, type NavIcon } from "@/components/shell/nav";
import { signOutAction } from "@/lib/actions/auth";

const ICONS: Record<NavIcon, typeof LayoutDashboard> = {
  overview: LayoutDashboard,
  customers: Users,
  segments: PieChart,
  personas: UserSquare2,
  strategies: Target,
  insights: Lightbulb,
  settings: Settings,
};

type WorkspaceItem = { slug: string; name: string; role: string };

function initials(name: string) {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

export function Sidebar({
  current,
  workspaces,
  user,
}: {
  current: WorkspaceItem;
  workspaces: WorkspaceItem[];
  user: { name: string | null; email: string };
}) {
  const pathname = usePathname();
  const [mobileOpen, setMobileOpen] = useState(false);
  const base = `/w/${current.slug}`;

  const nav = (
    <nav className="flex h-full flex-col gap-6 px-3 py-4" aria-label="Workspace">
      <div className="px-2">
        <Logo />
      </div>
      <Menu
        label="Switch workspace"
        trigger={
          <span className="flex items-center gap-3 rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200 hover:bg-slate-50">
            <span className="flex size-8 items-center justify-center rounded-md bg-brand-600 text-xs font-semibold text-white">
              {initials(current.name)}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-slate-900" data-testid="current-workspace">
                {current.name}
              </span>
              <span className="block text-xs capitalize text-slate-500">{current.role.toLowerCase()}</span>
            </span>
            <ChevronsUpDown className="size-4 text-slate-400" aria-hidden />
          </span>
        }
      >
        <MenuLabel>Workspaces</MenuLabel>
        {workspaces.map((w) => (
          <Link key={w.slug} href={`/w/${w.slug}`} role="menuitem" className={menuItemClass}>
            <Building2 className="size-4 text-slate-400" aria-hidden />
            <span className="flex-1 truncate">{w.name}</span>
            {w.slug === current.slug && <Check className="size-4 text-brand-600" aria-label="current" />}
          </Link>
        ))}
        <MenuSeparator />
        <Link href="/workspaces/new" role="menuitem" className={menuItemClass}>
          <Plus className="size-4 text-slate-400" aria-hidden /> Create workspace
        </Link>
        <Link href="/workspaces" role="menuitem" className={menuItemClass}>
          <Building2 className="size-4 text-slate-400" aria-hidden /> All workspaces
        </Link>
      </Menu>
      <ul className="flex-1 space-y-1">
        {NAV_ITEMS.map((item) => {
          const href = `${base}${item.href}`;
          const active = item.href === "" ? pathname === base : pathname.startsWith(href);
          const Icon = ICONS[item.icon];
          return (
            <li key={item.label}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                onClick={() => setMobileOpen(false)}
                className={cn(
                  "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium",
                  active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <Menu
        label="Account"
        placement="above"
        trigger={
          <span className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-slate-100">
            <span className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">
              {initials(user.name ?? user.email)}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-slate-900">{user.name ?? user.email}</span>
              <span className="block truncate text-xs text-slate-500" data-testid="user-email">
                {user.email}
              </span>
            </span>
          </span>
        }
      >
        <Link href="/account" role="menuitem" className={menuItemClass}>
          <KeyRound className="size-4 text-slate-400" aria-hidden /> Account and password
        </Link>
        <button type="button" role="menuitem" className={menuItemClass} onClick={() => void signOutAction()}>
          <LogOut className="size-4 text-slate-400" aria-hidden /> Sign out
        </button>
      </Menu>
    </nav>
  );

  return (
    <>
      <div className="sticky top-0 z-20 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Logo />
        <button type="button" onClick={() => setMobileOpen(true)} aria-label="Open navigation" className="rounded-md p-2 hover:bg-slate-100">
          <MenuIcon className="size-5" />
        </button>
      </div>
      {mobileOpen && (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Navigation">
          <div className="absolute inset-0 bg-slate-900/40" onClick={() => setMobileOpen(false)} />
          <div className="absolute inset-y-0 left-0 w-72 bg-slate-50 shadow-xl">
            <button type="button" onClick={() => setMobileOpen(false)} aria-label="Close navigation" className="absolute right-3 top-4 rounded-md p-1.5 hover:bg-slate-200">
              <X className="size-5" />
            </button>
            {nav}
          </div>
        </div>
      )}
      <aside className="fixed inset-y-0 left-0 hidden w-64 border-r border-slate-200 bg-slate-50 lg:block">{nav}</aside>
    </>
  );
}
