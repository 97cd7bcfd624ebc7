import { afterEach, describe, expect, it } from "vitest";
import { CharField, Model, ValidationError } from "torest";
import * as auth from "torest/auth";
import {
  checkPassword, configureHashers, createPermissions, Group, isPasswordUsable, makePassword, PBKDF2PasswordHasher,
  PBKDF2SHA1PasswordHasher, Permission, ScryptPasswordHasher, User, ContentType, authenticate,
} from "torest/auth";
import { dbName, useTestDatabase } from "../support/db.js";

// Vectors computed independently with python3's hashlib in Django's formats (see docs/auth.md):
//   base64(hashlib.pbkdf2_hmac("sha256", password, salt, iterations, 32)),
//   base64(hashlib.scrypt(password, salt=salt, n=2**14, r=8, p=5, dklen=64)).
const DJANGO_PBKDF2 = "pbkdf2_sha256$1000000$Zk3vQ9tLm2Xr8PaW1cYbN0$dHwKw5YJ5f4SLp5r6szsjbBxVA2L4hTHHTXFbUjHCSw=";
const DJANGO_PBKDF2_1000 = "pbkdf2_sha256$1000$a1B2c3D4e5F6g7H8i9J0kL$4w9OJwt/FxbGQDrwZx/9lsc0pPROm/KjYriLLVAM9yo=";
const DJANGO_SCRYPT =
  "scrypt$16384$Zk3vQ9tLm2Xr8PaW1cYbN0$8$5$kHg2JF2KAhpy+bEb3XaYYw350bE3lzngMyTRDfcAjtHRn/jBCNRUHBRyE2hJ7sxdxdeGjJlSRVDA9nvfODJ/hA==";
const DJANGO_SHA1 = "pbkdf2_sha1$1000$Qw3rTy6uI9oP1aS2dF4gH5$ksfi4bMvBKFc7TAAOKUlIgP15yI=";

class Poll extends Model("polls", { title: CharField({ maxLength: 20 }) }) {}

useTestDatabase([...auth.models, Poll]);

const fast = () => configureHashers([new PBKDF2PasswordHasher({ iterations: 1000 }), new PBKDF2SHA1PasswordHasher(), new ScryptPasswordHasher()]);

describe(dbName("torest/auth: hashers"), () => {
  afterEach(() => configureHashers([new PBKDF2PasswordHasher(), new PBKDF2SHA1PasswordHasher(), new ScryptPasswordHasher()]));

  it("pbkdf2_sha256 with Django 5.2's 1,000,000 iterations verifies a hash Django's format makes", async () => {
    expect(await new PBKDF2PasswordHasher().verify("correct horse battery staple", DJANGO_PBKDF2)).toBe(true);
    expect(await new PBKDF2PasswordHasher().verify("correct horse battery stapler", DJANGO_PBKDF2)).toBe(false);
  });

  it("encode makes Django's exact string for a given salt (the reverse direction)", async () => {
    expect(await new PBKDF2PasswordHasher({ iterations: 1000 }).encode("létmein", "a1B2c3D4e5F6g7H8i9J0kL")).toBe(DJANGO_PBKDF2_1000);
    expect(await new ScryptPasswordHasher().encode("correct horse battery staple", "Zk3vQ9tLm2Xr8PaW1cYbN0")).toBe(DJANGO_SCRYPT);
  });

  it("a new hash has Django's shape: algorithm$iterations$22-char salt$base64 of 32 bytes", async () => {
    const encoded = await makePassword("pw");
    expect(encoded).toMatch(/^pbkdf2_sha256\$1000000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/);
    expect(await checkPassword("pw", encoded)).toBe(true);
  });

  it("scrypt and pbkdf2_sha1 hashes verify when their hashers are listed", async () => {
    expect(await checkPassword("correct horse battery staple", DJANGO_SCRYPT)).toBe(true);
    expect(await checkPassword("sha1pass", DJANGO_SHA1)).toBe(true);
    configureHashers([new PBKDF2PasswordHasher()]);
    expect(await checkPassword("sha1pass", DJANGO_SHA1)).toBe(false);
  });

  it("unusable passwords (!) and malformed hashes never verify", async () => {
    const unusable = await makePassword(null);
    expect(unusable).toMatch(/^!.{40}$/);
    expect(isPasswordUsable(unusable)).toBe(false);
    expect(await checkPassword("", unusable)).toBe(false);
    expect(await checkPassword("x", "pbkdf2_sha256$abc$salt$hash")).toBe(false);
    expect(await checkPassword("x", "nonsense")).toBe(false);
    expect(await checkPassword("x", "scrypt$3$salt$8$5$aGFzaA==")).toBe(false);
  });

  it("a matching outdated hash is handed to the setter (upgrade on login); a wrong one is not", async () => {
    fast();
    const upgrades: string[] = [];
    expect(await checkPassword("sha1pass", DJANGO_SHA1, async (p) => void upgrades.push(p))).toBe(true);
    expect(await checkPassword("wrong", DJANGO_SHA1, async (p) => void upgrades.push(p))).toBe(false);
    expect(await checkPassword("létmein", DJANGO_PBKDF2_1000, async (p) => void upgrades.push(p))).toBe(true);
    expect(upgrades).toEqual(["sha1pass"]);
  });
});

describe(dbName("torest/auth: users, groups, permissions"), () => {

  it("the tables and columns are Django's", () => {
    expect(auth.models.map((m) => m.meta.dbTable)).toEqual(["django_content_type", "auth_permission", "auth_group", "auth_user", "authtoken_token", "django_session"]);
    expect(User.meta.fields.map((f) => f.column)).toEqual([
      "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff", "is_active", "date_joined",
    ]);
    expect(User.meta.manyToMany.map((m) => m.through.dbTable)).toEqual(["auth_user_groups", "auth_user_user_permissions"]);
    expect(Group.meta.manyToMany.map((m) => m.through.dbTable)).toEqual(["auth_group_permissions"]);
    expect(auth.migrations).toMatch(/migrations[/\\]$/);
  });

  it("postMigrate creates content types and add/change/delete/view permissions as create_permissions does", async () => {
    await auth.postMigrate({ using: "default" });
    const ct = await ContentType.objects.get({ app_label: "polls", model: "poll" });
    const perms = await Permission.objects.filter({ content_type: ct.pk }).orderBy("codename").valuesList("codename", "name");
    expect(perms).toEqual([["add_poll", "Can add poll"], ["change_poll", "Can change poll"], ["delete_poll", "Can delete poll"], ["view_poll", "Can view poll"]]);
    expect(await Permission.objects.filter({ content_type__app_label: "auth", codename: "view_user" }).exists()).toBe(true);
    // Again: nothing new.
    expect(await createPermissions()).toEqual({ contentTypes: 0, permissions: 0 });
  });

  it("createUser hashes the password; createSuperuser sets staff and superuser", async () => {
    fast();
    const ada = await User.objects.createUser("ada", { email: "Ada@EXAMPLE.com", password: "s3cret!" });
    expect(ada.email).toBe("Ada@example.com");
    expect(ada.password).toMatch(/^pbkdf2_sha256\$1000\$/);
    expect(await ada.checkPassword("s3cret!")).toBe(true);
    const root = await User.objects.createSuperuser("root", { password: "rootpw" });
    expect([root.is_staff, root.is_superuser]).toEqual([true, true]);
    await expect(User.objects.createSuperuser("bad", { extra: { is_staff: false } })).rejects.toThrow("Superuser must have is_staff=True.");
    await expect(User.objects.createUser("ada", { password: "x" })).rejects.toBeInstanceOf(ValidationError);
    await expect(User.objects.createUser("no spaces", { password: "x" })).rejects.toThrow(/Enter a valid username/);
    const nobody = await User.objects.createUser("nobody");
    expect(nobody.hasUsablePassword()).toBe(false);
  });

  it("authenticate: right password gives the user, wrong or inactive gives null", async () => {
    fast();
    await User.objects.createUser("bob", { password: "pw-bob" });
    await User.objects.createUser("sleepy", { password: "pw", extra: { is_active: false } });
    expect((await authenticate({ username: "bob", password: "pw-bob" }))?.username).toBe("bob");
    expect(await authenticate({ username: "bob", password: "nope" })).toBeNull();
    expect(await authenticate({ username: "BOB", password: "pw-bob" })).toBeNull();
    expect(await authenticate({ username: "ghost", password: "pw" })).toBeNull();
    expect(await authenticate({ username: "sleepy", password: "pw" })).toBeNull();
  });

  it("a login against an outdated hash upgrades it in the database (Django's setter)", async () => {
    fast();
    const old = await User.objects.createUser("oldtimer");
    await User.objects.filter({ pk: old.pk }).update({ password: DJANGO_SHA1 });
    expect(await authenticate({ username: "oldtimer", password: "sha1pass" })).not.toBeNull();
    const stored = (await User.objects.get({ pk: old.pk })).password;
    expect(stored).toMatch(/^pbkdf2_sha256\$1000\$/);
    expect(await checkPassword("sha1pass", stored)).toBe(true);
  });

  it("hasPerm: own and group permissions; superusers have all; inactive users none", async () => {
    fast();
    await createPermissions();
    const carol = await User.objects.createUser("carol", { password: "pw" });
    const view = await Permission.objects.get({ codename: "view_poll" });
    const add = await Permission.objects.get({ codename: "add_poll" });
    await carol.user_permissions.add(view);
    const editors = await Group.objects.create({ name: "editors" });
    await editors.permissions.add(add);
    expect(await carol.hasPerm("polls.view_poll")).toBe(true);
    expect(await carol.hasPerm("polls.add_poll")).toBe(false);
    const fresh = await User.objects.get({ pk: carol.pk });
    await fresh.groups.add(editors);
    expect(await fresh.hasPerms(["polls.view_poll", "polls.add_poll"])).toBe(true);
    expect(await fresh.hasPerms(["polls.view_poll", "polls.delete_poll"])).toBe(false);
    expect(await fresh.hasModulePerms("polls")).toBe(true);
    expect(await fresh.hasPerm("polls.view_poll", { some: "object" })).toBe(false);
    const root = await User.objects.createSuperuser("root2", { password: "pw" });
    expect(await root.hasPerm("anything.at_all")).toBe(true);
    fresh.is_active = false;
    expect(await fresh.hasPerm("polls.view_poll")).toBe(false);
    root.is_active = false;
    expect(await root.hasPerm("anything.at_all")).toBe(false);
  });
});

describe(dbName("torest/auth: concurrency"), () => {
  it("concurrent first token requests get the one token (get_or_create)", async () => {
    fast();
    const { Token } = auth;
    const user = await User.objects.createUser("racer", { password: "pw" });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => Token.forUser(user)));
    expect(new Set(tokens.map((t) => t.key)).size).toBe(1);
    expect(await Token.objects.filter({ user_id: user.pk }).count()).toBe(1);
  });

  it("createPermissions run concurrently (two processes starting) makes each permission once", async () => {
    await Permission.objects.all().delete();
    await Promise.all([createPermissions(), createPermissions(), createPermissions()]);
    expect(await Permission.objects.filter({ codename: "view_poll" }).count()).toBe(1);
  });
});
