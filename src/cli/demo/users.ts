import type { TorestApp } from "../config.js";

/**
 * The demo's three users for the guide's permission example (Question1/Choice1 behind Basic
 * authentication and model permissions), made on first start with random passwords printed
 * once:
 * - `testy`: every Question1 permission, none on Choice1 (lists questions, 403 on their choices)
 * - `reader`: may view Question1 and Choice1 (nested choices too)
 * - `admin`: a superuser (everything)
 */
export const demoUsers: TorestApp = {
  models: [],
  async postMigrate({ using }) {
    const { Permission, User, randomString } = await import("../../auth/index.js");
    if (await User.objects.using(using).filter({ username__in: ["testy", "reader", "admin"] }).exists()) return;
    const perms = (codenames: string[]) => Permission.objects.using(using).filter({ content_type__app_label: "polls", codename__in: codenames });
    const passwords = { testy: randomString(12), reader: randomString(12), admin: randomString(12) };
    const testy = await User.objects.createUser("testy", { password: passwords.testy, using });
    await testy.user_permissions.add(...(await perms(["add_question1", "change_question1", "delete_question1", "view_question1"])));
    const reader = await User.objects.createUser("reader", { password: passwords.reader, using });
    await reader.user_permissions.add(...(await perms(["view_question1", "view_choice1"])));
    await User.objects.createSuperuser("admin", { password: passwords.admin, using });
    console.log(
      "torest: created the demo users (their passwords are shown only this once):\n" +
        Object.entries(passwords).map(([name, password]) => `  ${name.padEnd(7)} ${password}`).join("\n"),
    );
  },
};
