import type { Command } from "../command.js";
import { openProject } from "../project.js";
import { stdinPrompter } from "../prompt.js";

/** Django's `changepassword USER`: three tries to type the new password twice alike. */
export const changepasswordCommand: Command = {
  usage: "changepassword USERNAME [--config torest.config.ts]",
  summary: "Change a user's password in torest/auth's user table (asked twice, not echoed).",
  async run({ options, positionals }) {
    const username = positionals[0] ?? process.env.USER ?? "";
    const { User } = await import("../../auth/index.js");
    const project = await openProject(typeof options.config === "string" ? options.config : undefined);
    const prompt = stdinPrompter();
    try {
      const user = await User.objects.filter({ username }).first();
      if (!user) {
        console.error(`CommandError: user '${username}' does not exist`);
        return 1;
      }
      console.log(`Changing password for user '${username}'`);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const password = await prompt.askHidden("Password: ");
        const again = await prompt.askHidden("Password (again): ");
        if (password !== again) {
          console.error("Passwords do not match. Please try again.");
          continue;
        }
        if (password === "") {
          console.error("This password is blank. Please try again.");
          continue;
        }
        await user.setPassword(password);
        await user.save({ updateFields: ["password"] });
        console.log(`Password changed successfully for user '${username}'`);
        return 0;
      }
      console.error(`CommandError: Aborting password change for user '${username}' after 3 attempts`);
      return 1;
    } finally {
      prompt.close();
      await project.close();
    }
  },
};
