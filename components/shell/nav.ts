/** The sections of a workspace, in sidebar order. A section appears once its pages exist. */
export type NavIcon = "overview" | "customers" | "segments" | "personas" | "strategies" | "insights" | "settings";

export const NAV_ITEMS: { href: string; label: string; icon: NavIcon }[] = [
  { href: "", label: "Overview", icon: "overview" },
  { href: "/customers", label: "Customers", icon: "customers" },
  { href: "/segments", label: "Segments", icon: "segments" },
  { href: "/personas", label: "Personas", icon: "personas" },
  { href: "/strategies", label: "Strategies", icon: "strategies" },
  { href: "/insights", label: "Insights", icon: "insights" },
  { href: "/settings", label: "Settings", icon: "settings" },
];
