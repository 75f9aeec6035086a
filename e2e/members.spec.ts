import { expect, test } from "@playwright/test";
import {
  captureServerAction,
  completeSignInAfterSignUp,
  newContext,
  newUserWithWorkspace,
  PASSWORD,
  replayServerAction,
  signUp,
  uniqueEmail,
} from "./helpers";

test("an owner invites a viewer who accepts in a second browser; the viewer can read but not change", async ({ browser }) => {
  const owner = await newContext(browser);
  const { slug } = await newUserWithWorkspace(owner.page, "Olivia Owner", "Team Invite");

  // Invite by e-mail: the link is shown to copy.
  const viewerEmail = uniqueEmail("victor");
  await owner.page.goto(`/w/${slug}/settings`);
  await owner.page.getByLabel("E-mail").fill(viewerEmail);
  await owner.page.getByLabel("Role").selectOption("VIEWER");
  await owner.page.getByRole("button", { name: "Create invite link" }).click();
  const link = await owner.page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  await expect(owner.page.getByRole("list", { name: "Pending invitations" })).toContainText(viewerEmail);

  // The invitee opens the link in another browser, signs up on the way, and accepts.
  const viewer = await newContext(browser);
  const invitePath = new URL(link).pathname;
  await viewer.page.goto(invitePath);
  await expect(viewer.page.getByRole("heading", { name: "Team Invite" })).toBeVisible();
  await viewer.page.getByRole("link", { name: "Create an account" }).click();
  await expect(viewer.page.getByLabel("Work e-mail")).toHaveValue(viewerEmail);
  await viewer.page.getByLabel("Your name").fill("Victor Viewer");
  await viewer.page.getByLabel("Password").fill(PASSWORD);
  await viewer.page.getByRole("button", { name: "Create account" }).click();
  await expect(viewer.page.getByLabel("E-mail")).toHaveValue(viewerEmail);
  await completeSignInAfterSignUp(viewer.page);
  await expect(viewer.page).toHaveURL(new RegExp(`${invitePath}$`));
  await viewer.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer.page).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(viewer.page.getByTestId("current-workspace")).toHaveText("Team Invite");

  // The link cannot be used twice.
  await viewer.page.goto(invitePath);
  await expect(viewer.page.getByText("This invitation has already been used.")).toBeVisible();

  // The UI hides what a viewer cannot do.
  await viewer.page.goto(`/w/${slug}/settings`);
  await expect(viewer.page.getByLabel("Name")).toBeDisabled();
  await expect(viewer.page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Delete workspace" })).toHaveCount(0);
  await expect(viewer.page.getByRole("table", { name: "Members" })).toContainText("Victor Viewer");

  // And the server refuses the same call when the viewer makes it directly.
  await owner.page.goto(`/w/${slug}/settings`);
  const rename = await captureServerAction(owner.page, async () => {
    await owner.page.getByLabel("Name").fill("Team Invite Renamed");
    await owner.page.getByRole("button", { name: "Save changes" }).click();
  });
  await expect(owner.page.getByText("Workspace saved")).toBeVisible();
  const forged = { ...rename, body: rename.body.replace("Team Invite Renamed", "Hijacked by viewer") };
  const response = await replayServerAction(viewer.page, forged);
  expect(response.text).toContain("Your role does not allow this.");
  expect(response.text).not.toContain("Hijacked by viewer\",\"slug");
  await viewer.page.goto(`/w/${slug}/settings`);
  await expect(viewer.page.getByLabel("Name")).toHaveValue("Team Invite Renamed");

  // The owner promotes the viewer to editor, and the audit log records it all.
  await owner.page.goto(`/w/${slug}/settings`);
  await owner.page.getByLabel(`Role of ${viewerEmail}`).selectOption("EDITOR");
  await expect(owner.page.getByText("Role updated")).toBeVisible();
  const audit = owner.page.getByRole("table", { name: "Audit log" });
  await expect(audit).toContainText("changed a member's role from viewer to editor");
  await expect(audit).toContainText(`invited ${viewerEmail} as viewer`);
  await expect(audit).toContainText("joined as viewer");

  await owner.context.close();
  await viewer.context.close();
});

test("revoked and malformed invitations explain themselves; the last owner cannot leave", async ({ browser }) => {
  const owner = await newContext(browser);
  const { slug } = await newUserWithWorkspace(owner.page, "Rita Revoker", "Revoke Team");
  await owner.page.goto(`/w/${slug}/settings`);
  const email = uniqueEmail("ghost");
  await owner.page.getByLabel("E-mail").fill(email);
  await owner.page.getByRole("button", { name: "Create invite link" }).click();
  const link = await owner.page.getByTestId("invite-link").inputValue();
  await owner.page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
  await owner.page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(owner.page.getByText("Invitation revoked")).toBeVisible();

  const guest = await newContext(browser);
  await guest.page.goto(new URL(link).pathname);
  await expect(guest.page.getByText("This invitation was withdrawn by a workspace admin.")).toBeVisible();
  await guest.page.goto("/invite/not-a-real-token");
  await expect(guest.page.getByText(/This invitation link is not valid/)).toBeVisible();

  // Bad input in the invite form.
  await owner.page.getByLabel("E-mail").fill("nobody");
  await owner.page.getByRole("button", { name: "Create invite link" }).click();
  await expect(owner.page.getByText("Enter a valid e-mail address, like name@company.com.")).toBeVisible();

  // The last owner can neither leave nor be demoted.
  await owner.page.getByRole("button", { name: "Leave workspace" }).click();
  await owner.page.getByRole("dialog").getByRole("button", { name: "Leave" }).click();
  await expect(owner.page.getByRole("dialog").getByRole("alert")).toContainText("You are the last owner.");

  await owner.context.close();
  await guest.context.close();
});

test("an owner deletes a workspace only after typing its address", async ({ page }) => {
  const { slug } = await newUserWithWorkspace(page, "Dora Deleter", "Short Lived");
  await page.goto(`/w/${slug}/settings`);
  await page.getByRole("button", { name: "Delete workspace" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete forever" })).toBeDisabled();
  await dialog.getByLabel("Workspace address").fill("wrong");
  await expect(dialog.getByRole("button", { name: "Delete forever" })).toBeDisabled();
  await dialog.getByLabel("Workspace address").fill(slug);
  await dialog.getByRole("button", { name: "Delete forever" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  const response = await page.goto(`/w/${slug}`);
  expect(response?.status()).toBe(404);
});

test("a signed-in user with a different e-mail cannot accept someone else's invitation", async ({ browser }) => {
  const owner = await newContext(browser);
  const { slug } = await newUserWithWorkspace(owner.page, "Mia Manager", "Mismatch Team");
  await owner.page.goto(`/w/${slug}/settings`);
  await owner.page.getByLabel("E-mail").fill(uniqueEmail("intended"));
  await owner.page.getByRole("button", { name: "Create invite link" }).click();
  const link = await owner.page.getByTestId("invite-link").inputValue();

  const other = await newContext(browser);
  await signUp(other.page, { name: "Someone Else", email: uniqueEmail("else") });
  await expect(other.page).toHaveURL(/\/workspaces$/);
  await other.page.goto(new URL(link).pathname);
  await expect(other.page.getByText(/but this invitation is for/)).toBeVisible();
  await expect(other.page.getByRole("button", { name: "Accept invitation" })).toBeDisabled();
  await owner.context.close();
  await other.context.close();
});
