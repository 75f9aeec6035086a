import { expect, test } from "@playwright/test";
import { captureServerAction, newContext, newUserWithWorkspace, replayServerAction } from "./helpers";

test("a member of workspace A gets 404 for every URL of workspace B and cannot act on it", async ({ browser }) => {
  const victim = await newContext(browser);
  const b = await newUserWithWorkspace(victim.page, "Vera Victim", "Victim Workspace");
  const attacker = await newContext(browser);
  const a = await newUserWithWorkspace(attacker.page, "Art Attacker", "Attacker Workspace");

  for (const path of [`/w/${b.slug}`, `/w/${b.slug}/settings`, `/w/${b.slug}/settings?page=2`, `/w/${b.slug}/does-not-exist`]) {
    const response = await attacker.page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(attacker.page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(attacker.page.getByText("Victim Workspace")).toHaveCount(0);
  }
  // An unknown workspace looks the same as someone else's.
  expect((await attacker.page.goto("/w/no-such-workspace-here"))?.status()).toBe(404);
  // The attacker's own workspace still works.
  expect((await attacker.page.goto(`/w/${a.slug}`))?.status()).toBe(200);

  // Replaying the victim's own server action with the attacker's session is refused.
  await victim.page.goto(`/w/${b.slug}/settings`);
  const rename = await captureServerAction(victim.page, async () => {
    await victim.page.getByLabel("Name").fill("Victim Workspace 2");
    await victim.page.getByRole("button", { name: "Save changes" }).click();
  });
  await expect(victim.page.getByText("Workspace saved")).toBeVisible();
  const forged = { ...rename, body: rename.body.replace("Victim Workspace 2", "Owned") };
  const response = await replayServerAction(attacker.page, forged);
  expect(response.text).toContain("That workspace could not be found.");
  await victim.page.reload();
  await expect(victim.page.getByLabel("Name")).toHaveValue("Victim Workspace 2");

  await victim.context.close();
  await attacker.context.close();
});
