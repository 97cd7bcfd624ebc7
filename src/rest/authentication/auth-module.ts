/**
 * torest/auth, loaded on first use: importing torest/rest must not register the auth models
 * (a project without `apps: [auth]` gets no auth tables or migrations); only the authentication
 * classes that look users up load it.
 */
export type AuthModule = typeof import("../../auth/index.js");

let loading: Promise<AuthModule> | null = null;

export function loadAuth(): Promise<AuthModule> {
  return (loading ??= import("../../auth/index.js"));
}
