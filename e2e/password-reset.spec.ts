import { expect, test } from "@playwright/test";
import { completeSignInAfterSignUp, newContext, newUserWithWorkspace, PASSWORD, signIn, uniqueEmail } from "./helpers";

const NEW_PASSWORD = "amber-tractor-meadow-83";

test("without e-mail, the forgot-password page sends people to an admin, who makes a one-time link", async ({ browser }) => {
  test.setTimeout(180_000); // four browsers and several sign-ins
  // An owner and an invited editor.
  const owner = await newContext(browser);
  const { slug } = await newUserWithWorkspace(owner.page, "Rosa Reset", "Reset Team");
  const memberEmail = uniqueEmail("mia");
  await owner.page.goto(`/w/${slug}/settings`);
  await owner.page.getByLabel("E-mail").fill(memberEmail);
  await owner.page.getByLabel("Role").selectOption("EDITOR");
  await owner.page.getByRole("button", { name: "Create invite link" }).click();
  const invitePath = new URL(await owner.page.getByTestId("invite-link").inputValue()).pathname;

  const member = await newContext(browser);
  await member.page.goto(invitePath);
  await member.page.getByRole("link", { name: "Create an account" }).click();
  await member.page.getByLabel("Your name").fill("Mia Member");
  await member.page.getByLabel("Password").fill(PASSWORD);
  await member.page.getByRole("button", { name: "Create account" }).click();
  await completeSignInAfterSignUp(member.page);
  await member.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(member.page).toHaveURL(new RegExp(`/w/${slug}$`));

  // The member forgot their password: no SMTP here, so the page says who can help.
  const lost = await newContext(browser);
  await lost.page.goto("/sign-in");
  await lost.page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(lost.page).toHaveURL(/\/forgot-password/);
  await expect(lost.page.getByText("This server does not send e-mail.")).toBeVisible();
  await expect(lost.page.getByText(/Settings → Members/)).toBeVisible();

  // The owner makes a link for the member (and none for themself).
  await owner.page.goto(`/w/${slug}/settings`);
  const members = owner.page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("button", { name: /Password reset link for/ })).toHaveCount(1);
  await members.getByRole("button", { name: `Password reset link for ${memberEmail}` }).click();
  await owner.page.getByRole("button", { name: "Make link" }).click();
  const resetLink = await owner.page.getByTestId("reset-link").inputValue();
  expect(resetLink).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await owner.page.screenshot({ path: "test-results/reset-link-dialog.png" });
  await owner.page.getByRole("button", { name: "Done" }).click();

  // The member sets a new password with it; a weak one is refused first.
  const resetPath = new URL(resetLink).pathname;
  await lost.page.goto(resetPath);
  await expect(lost.page.getByText(memberEmail)).toBeVisible();
  await lost.page.getByLabel("New password", { exact: true }).fill("password1234");
  await lost.page.getByLabel("Repeat the new password").fill("password1234");
  await lost.page.getByRole("button", { name: "Set new password" }).click();
  await expect(lost.page.getByText(/common|guess/i).first()).toBeVisible();
  await lost.page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await lost.page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await lost.page.getByRole("button", { name: "Set new password" }).click();
  await expect(lost.page).toHaveURL(/\/sign-in\?/);
  await expect(lost.page.getByText("Your new password is set")).toBeVisible();

  // Every earlier session of the member has ended.
  await member.page.goto(`/w/${slug}`);
  await expect(member.page).toHaveURL(/\/sign-in/);

  // The old password no longer works; the new one does.
  await signIn(lost.page, memberEmail, PASSWORD);
  await expect(lost.page.getByText("The e-mail or password is incorrect.").first()).toBeVisible();
  await signIn(lost.page, memberEmail, NEW_PASSWORD);
  await expect(lost.page).toHaveURL(/\/w\/|\/workspaces/);

  // The link worked once.
  const again = await newContext(browser);
  await again.page.goto(resetPath);
  await expect(again.page.getByText(/already been used/)).toBeVisible();
});
