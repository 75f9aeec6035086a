"use client";

import { Download, FileJson, FileSpreadsheet } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { Menu, MenuLabel, menuItemClass } from "@/components/ui/menu";

/** Downloads of the list as it is filtered now (search and segment; all pages). */
export function ExportMenu({ csvHref, jsonHref, filtered }: { csvHref: string; jsonHref: string; filtered: boolean }) {
  return (
    <Menu
      label="Export customers"
      align="right"
      trigger={
        <span className={buttonClasses("secondary", "md")}>
          <Download className="size-4" aria-hidden /> Export
        </span>
      }
    >
      <MenuLabel>{filtered ? "Customers matching the filters" : "All customers"}</MenuLabel>
      <a href={csvHref} download role="menuitem" className={menuItemClass}>
        <FileSpreadsheet className="size-4 text-slate-400" aria-hidden /> CSV (spreadsheets)
      </a>
      <a href={jsonHref} download role="menuitem" className={menuItemClass}>
        <FileJson className="size-4 text-slate-400" aria-hidden /> JSON
      </a>
    </Menu>
  );
}
