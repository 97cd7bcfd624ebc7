import type { Command } from "../command.js";
import { openProject } from "../project.js";

/** DRF's `drf_create_token USER [--reset]`: prints the user's token, made if missing. */
export const drfCreateTokenCommand: Command = {
  usage: "drf_create_token USERNAME [--reset] [--config torest.config.ts]",
  summary: "Create (or with --reset, replace) the authtoken_token key of a user and print it.",
  async run({ options, positionals }) {
    const username = positionals[0];
    if (!username) {
      console.error("CommandError: Error: the following arguments are required: username");
      return 2;
    }
    const { Token, User } = await import("../../auth/index.js");
    const project = await openProject(typeof options.config === "string" ? options.config : undefined);
    try {
      const user = await User.objects.filter({ username }).first();
      if (!user) {
        console.error(`CommandError: Cannot create the Token for user ${username}: User matching query does not exist.`);
        return 1;
      }
      if (options.reset === true) await Token.objects.filter({ user_id: user.pk }).delete();
      const token = await Token.forUser(user);
      console.log(`Generated token ${token.key} for user ${username}`);
      return 0;
    } finally {
      await project.close();
    }
  },
};
