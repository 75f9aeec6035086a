import { avatarFor } from "@/lib/personas/avatar";
import { cn } from "@/components/ui/cn";

/** The persona's photo, or initials on a colour derived from the name. */
export function PersonaAvatar({
  name,
  photoUrl,
  size = "md",
  negative = false,
}: {
  name: string;
  photoUrl: string | null;
  size?: "sm" | "md" | "lg";
  negative?: boolean;
}) {
  const box = size === "lg" ? "size-32 text-4xl" : size === "md" ? "size-16 text-xl" : "size-10 text-sm";
  const ring = negative ? "ring-red-200" : "ring-white";
  if (photoUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- served by the workspace's own photo route
    return <img src={photoUrl} alt={`Photo of ${name}`} className={cn(box, "shrink-0 rounded-full object-cover shadow-sm ring-4", ring)} />;
  }
  const { initials, color } = avatarFor(name);
  return (
    <span
      aria-label={`${name} (generated avatar)`}
      role="img"
      className={cn(box, "flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white shadow-sm ring-4", ring)}
      style={{ backgroundColor: color }}
    >
      {initials}
    </span>
  );
}

export const photoUrl = (slug: string, id: string, version: number | null) => (version ? `/w/${slug}/personas/${id}/photo?v=${version}` : null);
