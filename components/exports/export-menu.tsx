"use client";

import { Download, FileJson, FileSpreadsheet } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { Menu, MenuLabel, menuItemClass } from "@/components/ui/menu";

export type ExportItem = { href: string; format: "csv" | "json"; label: string; hint?: string };

/** A download menu: each item is a link the browser saves (the server names the file). */
export function ExportMenu({
  label,
  heading,
  items,
  align = "right",
}: {
  label: string;
  heading: string;
  items: readonly ExportItem[];
  /** Which edge of the button the menu lines up with (left when the button leads a row). */
  align?: "left" | "right";
}) {
  return (
    <Menu
      label={label}
      align={align}
      trigger={
        <span className={buttonClasses("secondary", "md")}>
          <Download className="size-4" aria-hidden /> Export
        </span>
      }
    >
      <MenuLabel>{heading}</MenuLabel>
      {items.map((item) => {
        const Icon = item.format === "csv" ? FileSpreadsheet : FileJson;
        return (
          <a key={item.href} href={item.href} download role="menuitem" className={menuItemClass}>
            <Icon className="size-4 shrink-0 text-slate-400" aria-hidden />
            <span>
              {item.label}
              {item.hint && <span className="block text-xs text-slate-500">{item.hint}</span>}
            </span>
          </a>
        );
      })}
    </Menu>
  );
}
