/** The avatar a persona without a photo shows (safe to use in the browser). */
const AVATAR_COLORS = ["#4f46e5", "#0891b2", "#059669", "#d97706", "#db2777", "#7c3aed", "#0d9488", "#ea580c", "#2563eb", "#65a30d"];

/** Initials and a colour derived from the name, the same for the same name everywhere. */
export function avatarFor(name: string): { initials: string; color: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const initials = (words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : (words[0] ?? "?").slice(0, 2)).toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return { initials, color: AVATAR_COLORS[hash % AVATAR_COLORS.length]! };
}
