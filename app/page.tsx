import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listUserWorkspaces } from "@/lib/dal/workspaces";

export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const workspaces = await listUserWorkspaces(user.id);
  redirect(workspaces.length === 1 && workspaces[0] ? `/w/${workspaces[0].slug}` : "/workspaces");
}
