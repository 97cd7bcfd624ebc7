import type { Command } from "../command.js";
import { openProject } from "../project.js";
import { stdinPrompter } from "../prompt.js";

/** Django's `createsuperuser`: asks for username, email and password (or takes them with --noinput). */
export const createsuperuserCommand: Command = {
  usage: "createsuperuser [--username NAME] [--email EMAIL] [--noinput] [--config torest.config.ts]",
  summary: "Create a superuser in torest/auth's user table. With --noinput, the password comes from\nTOREST_SUPERUSER_PASSWORD (none: an unusable password).",
  async run({ options }) {
    const { User } = await import("../../auth/index.js");
    const project = await openProject(typeof options.config === "string" ? options.config : undefined);
    try {
      let username = typeof options.username === "string" ? options.username : "";
      let email = typeof options.email === "string" ? options.email : "";
      if (options.noinput === true) {
        if (!username) return fail("You must use --username with --noinput.");
        const password = process.env.TOREST_SUPERUSER_PASSWORD || null;
        if (await User.objects.filter({ username }).exists()) return fail("Error: That username is already taken.");
        await User.objects.createSuperuser(username, { email, password });
        console.log("Superuser created successfully.");
        return 0;
      }
      const prompt = stdinPrompter();
      try {
        const fallback = (process.env.USER ?? "").toLowerCase().replace(/[^\w.@+-]/g, "");
        while (!username) {
          const answer = (await prompt.ask(fallback ? `Username (leave blank to use '${fallback}'): ` : "Username: ")).trim() || fallback;
          if (!answer) {
            console.error("Error: This field cannot be blank.");
          } else if (await User.objects.filter({ username: answer }).exists()) {
            console.error("Error: That username is already taken.");
          } else username = answer;
        }
        if (typeof options.email !== "string") email = (await prompt.ask("Email address: ")).trim();
        for (;;) {
          const password = await prompt.askHidden("Password: ");
          const again = await prompt.askHidden("Password (again): ");
          if (password !== again) {
            console.error("Error: Your passwords didn't match.");
            continue;
          }
          if (password.trim() === "") {
            console.error("Error: Blank passwords aren't allowed.");
            continue;
          }
          try {
            await User.objects.createSuperuser(username, { email, password });
          } catch (error) {
            return fail(`Error: ${error instanceof Error ? error.message : String(error)}`);
          }
          console.log("Superuser created successfully.");
          return 0;
        }
      } finally {
        prompt.close();
      }
    } finally {
      await project.close();
    }
  },
};

function fail(message: string): number {
  console.error(message.startsWith("Error:") ? message : `CommandError: ${message}`);
  return 1;
}
