import { describe, expect, it } from "vitest";
import {
  atomic, CASCADE, CharField, DO_NOTHING, ForeignKey, IntegrityError, IntegerField, InvalidOperation, ManyToManyField, Model,
  PROTECT, ProtectedError, RESTRICT, RestrictedError, SET, SET_DEFAULT, SET_NULL, type Manager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Artist extends Model("ondel", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Artist>;
  override toString() { return this.name; }
}

class Album extends Model("ondel", {
  title: CharField({ maxLength: 30 }),
  artist: ForeignKey(() => Artist, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Album>;
  override toString() { return this.title; }
}

/** Django's RESTRICT example: a song is restricted by its album, cascaded by its artist. */
class Song extends Model("ondel", {
  title: CharField({ maxLength: 30 }),
  album: ForeignKey(() => Album, { onDelete: RESTRICT }),
  artist: ForeignKey(() => Artist, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Song>;
  override toString() { return this.title; }
}

class Track extends Model("ondel", {
  song: ForeignKey(() => Song, { onDelete: CASCADE }),
  position: IntegerField(),
  tags: ManyToManyField(() => Tag),
}) {
  declare static objects: Manager<Track>;
}

class Tag extends Model("ondel", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Tag>;
}

class Label extends Model("ondel", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Label>;
  override toString() { return this.name; }
}

let fallbackLabelId = 0;
let sentinel: Label | null = null;
class Contract extends Model("ondel", {
  artist: ForeignKey(() => Artist, { onDelete: PROTECT }),
  label: ForeignKey(() => Label, { onDelete: SET_NULL, null: true }),
  backup: ForeignKey(() => Label, { onDelete: SET_DEFAULT, null: true, default: 1, relatedName: "backup_contracts" }),
  agent: ForeignKey(() => Label, { onDelete: SET(() => fallbackLabelId), null: true, relatedName: "agent_contracts" }),
  fixed: ForeignKey(() => Label, { onDelete: SET(null), null: true, relatedName: "fixed_contracts" }),
  /** Django's SET(get_sentinel_user): the function gives an instance. */
  guard: ForeignKey(() => Label, { onDelete: SET(() => sentinel), null: true, relatedName: "guarded_contracts" }),
}) {
  declare static objects: Manager<Contract>;
  override toString() { return `contract ${this.id}`; }
}

class Review extends Model("ondel", {
  album: ForeignKey(() => Album, { onDelete: PROTECT }),
}) {
  declare static objects: Manager<Review>;
  override toString() { return `review ${this.id}`; }
}

class Loose extends Model("ondel", {
  label: ForeignKey(() => Label, { onDelete: DO_NOTHING, relatedName: "loose" }),
}) {
  declare static objects: Manager<Loose>;
}

class Node extends Model("ondel", {
  name: CharField({ maxLength: 10 }),
  parent: ForeignKey("self", { onDelete: CASCADE, null: true }),
}) {
  declare static objects: Manager<Node>;
}

useTestDatabase([Artist, Album, Song, Track, Tag, Label, Contract, Review, Loose, Node]);

async function counts() {
  return {
    artists: await Artist.objects.count(), albums: await Album.objects.count(), songs: await Song.objects.count(),
    tracks: await Track.objects.count(), labels: await Label.objects.count(), contracts: await Contract.objects.count(),
  };
}

async function clean() {
  await Review.objects.delete();
  await Contract.objects.delete();
  await Loose.objects.delete();
  await Artist.objects.delete();
  await Label.objects.delete();
  await Node.objects.delete();
  await Tag.objects.delete();
}

describe(dbName("onDelete"), () => {
  it("CASCADE follows chains and counts every model", async () => {
    await clean();
    const artist = await Artist.objects.create({ name: "A" });
    const album = await Album.objects.create({ title: "Al", artist });
    const song = await Song.objects.create({ title: "S", album, artist });
    await Track.objects.create({ song, position: 1 });
    await Track.objects.create({ song, position: 2 });
    expect(await artist.delete()).toEqual([5, { "ondel.Track": 2, "ondel.Song": 1, "ondel.Album": 1, "ondel.Artist": 1 }]);
    expect(await counts()).toMatchObject({ artists: 0, albums: 0, songs: 0, tracks: 0 });
    expect(artist.id).toBeNull();
  });

  it("CASCADE counts many-to-many through rows", async () => {
    await clean();
    const artist = await Artist.objects.create({ name: "M" });
    const album = await Album.objects.create({ title: "Al", artist });
    const song = await Song.objects.create({ title: "S", album, artist });
    const track = await Track.objects.create({ song, position: 1 });
    const t1 = await Tag.objects.create({ name: "rock" });
    const t2 = await Tag.objects.create({ name: "pop" });
    await track.tags.add(t1, t2);
    const [total, byModel] = await song.delete();
    expect(byModel).toEqual({ "ondel.Track_tags": 2, "ondel.Track": 1, "ondel.Song": 1 });
    expect(total).toBe(4);
    expect(await Tag.objects.count()).toBe(2);
  });

  it("CASCADE on a self-referencing tree", async () => {
    await clean();
    const root = await Node.objects.create({ name: "root" });
    const child = await Node.objects.create({ name: "child", parent: root });
    await Node.objects.create({ name: "grandchild", parent: child });
    await Node.objects.create({ name: "other" });
    expect(await root.delete()).toEqual([3, { "ondel.Node": 3 }]);
    expect((await Node.objects.all()).map((n) => n.name)).toEqual(["other"]);
  });

  it("PROTECT raises ProtectedError naming the blockers, and deletes nothing", async () => {
    await clean();
    const artist = await Artist.objects.create({ name: "P" });
    await Album.objects.create({ title: "kept", artist });
    const contract = await Contract.objects.create({ artist, backup: null });
    const error = await artist.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedError);
    expect((error as ProtectedError).message).toBe(
      "Cannot delete some instances of model 'Artist' because they are referenced through protected foreign keys: 'Contract.artist'.",
    );
    expect((error as ProtectedError).protectedObjects.map(String)).toEqual([String(contract)]);
    expect(await counts()).toMatchObject({ artists: 1, albums: 1, contracts: 1 });
    expect(artist.id).not.toBeNull();
  });

  it("PROTECT reached through a cascade blocks the whole delete", async () => {
    await clean();
    const artist = await Artist.objects.create({ name: "PC" });
    const album = await Album.objects.create({ title: "reviewed", artist });
    await Song.objects.create({ title: "s", album, artist });
    const review = await Review.objects.create({ album });
    const error = await artist.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedError);
    expect((error as Error).message).toBe(
      "Cannot delete some instances of model 'Artist' because they are referenced through protected foreign keys: 'Album.artist'.",
    );
    expect((error as ProtectedError).protectedObjects).toHaveLength(1);
    expect(((error as ProtectedError).protectedObjects[0] as { id: number }).id).toBe(review.id);
    expect(await counts()).toMatchObject({ artists: 1, albums: 1, songs: 1 });
    await expect(Artist.objects.filter({ name: "PC" }).delete()).rejects.toBeInstanceOf(ProtectedError);
    expect(await Artist.objects.count()).toBe(1);
  });

  it("RESTRICT blocks a direct delete but allows one that also cascades to the restricted objects", async () => {
    await clean();
    const artistOne = await Artist.objects.create({ name: "one" });
    const artistTwo = await Artist.objects.create({ name: "two" });
    const albumOne = await Album.objects.create({ title: "album one", artist: artistOne });
    const albumTwo = await Album.objects.create({ title: "album two", artist: artistTwo });
    const songOne = await Song.objects.create({ title: "song one", album: albumOne, artist: artistOne });
    await Song.objects.create({ title: "song two", album: albumTwo, artist: artistOne });

    const error = await albumOne.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestrictedError);
    expect((error as Error).message).toBe(
      "Cannot delete some instances of model 'Album' because they are referenced through restricted foreign keys: 'Song.album'.",
    );
    expect((error as RestrictedError).restrictedObjects.map(String)).toEqual(["song one"]);
    expect(await Album.objects.count()).toBe(2);

    // artist two's album is referenced by song two, whose artist is artist one: not reached by cascade.
    await expect(artistTwo.delete()).rejects.toBeInstanceOf(RestrictedError);
    expect(await counts()).toMatchObject({ artists: 2, albums: 2, songs: 2 });

    // Deleting artist one cascades to both songs, so album one's restriction is lifted.
    expect(await artistOne.delete()).toEqual([4, { "ondel.Song": 2, "ondel.Album": 1, "ondel.Artist": 1 }]);
    expect(await Song.objects.filter({ pk: songOne.id }).exists()).toBe(false);
    expect(await artistTwo.delete()).toEqual([2, { "ondel.Album": 1, "ondel.Artist": 1 }]);
  });

  it("SET_NULL, SET(value) and SET(function) rewrite the keys", async () => {
    await clean();
    const fallback = await Label.objects.create({ name: "fallback" });
    fallbackLabelId = fallback.id;
    const artist = await Artist.objects.create({ name: "S" });
    const doomed = await Label.objects.create({ name: "doomed" });
    const c = await Contract.objects.create({ artist, label: doomed, backup: null, agent: doomed, fixed: doomed });
    expect(await doomed.delete()).toEqual([1, { "ondel.Label": 1 }]);
    const fresh = await Contract.objects.get({ pk: c.id });
    expect([fresh.label_id, fresh.agent_id, fresh.fixed_id]).toEqual([null, fallback.id, null]);
    // The function is called at delete time.
    const later = await Label.objects.create({ name: "later" });
    fallbackLabelId = later.id;
    const doomed2 = await Label.objects.create({ name: "doomed2" });
    await Contract.objects.filter({ pk: c.id }).update({ agent: doomed2 });
    await doomed2.delete();
    expect((await Contract.objects.get({ pk: c.id })).agent_id).toBe(later.id);
  });

  it("SET(function) may give an instance (Django's sentinel pattern)", async () => {
    await clean();
    sentinel = await Label.objects.create({ name: "deleted label" });
    const artist = await Artist.objects.create({ name: "G" });
    const doomed = await Label.objects.create({ name: "doomed" });
    const c = await Contract.objects.create({ artist, backup: null, guard: doomed });
    expect(await doomed.delete()).toEqual([1, { "ondel.Label": 1 }]);
    const fresh = await Contract.objects.get({ pk: c.id });
    expect(fresh.guard_id).toBe(sentinel.id);
    expect((await fresh.guard)!.name).toBe("deleted label");
  });

  it("SET_DEFAULT writes the default key", async () => {
    await clean();
    await Label.objects.delete();
    const one = await Label.objects.create({ id: 1, name: "default label" });
    fallbackLabelId = one.id;
    const artist = await Artist.objects.create({ name: "SD" });
    const doomed = await Label.objects.create({ name: "doomed" });
    const c = await Contract.objects.create({ artist, label: doomed, backup: doomed, agent: doomed, fixed: doomed });
    expect(await doomed.delete()).toEqual([1, { "ondel.Label": 1 }]);
    const fresh = await Contract.objects.get({ pk: c.id });
    expect([fresh.label_id, fresh.backup_id, fresh.agent_id, fresh.fixed_id]).toEqual([null, 1, 1, null]);
  });

  it("DO_NOTHING leaves the rows, so the database's constraint decides (in one transaction)", async () => {
    await clean();
    const label = await Label.objects.create({ name: "dn" });
    const loose = await Loose.objects.create({ label });
    await expect(label.delete()).rejects.toBeInstanceOf(IntegrityError);
    // The failed delete rolled back, and the instance keeps its key.
    expect(label.id).not.toBeNull();
    expect(await Label.objects.filter({ pk: label.id }).exists()).toBe(true);
    await atomic(async () => {
      await Loose.objects.filter({ pk: loose.id }).delete();
      expect(await label.delete()).toEqual([1, { "ondel.Label": 1 }]);
    });
    expect(await Label.objects.filter({ name: "dn" }).exists()).toBe(false);
  });

  it("queryset delete collects every matched object and returns the counts", async () => {
    await clean();
    const a = await Artist.objects.create({ name: "q1" });
    const b = await Artist.objects.create({ name: "q2" });
    await Artist.objects.create({ name: "kept" });
    await Album.objects.create({ title: "x", artist: a });
    await Album.objects.create({ title: "y", artist: b });
    expect(await Artist.objects.filter({ name__startswith: "q" }).delete()).toEqual([4, { "ondel.Album": 2, "ondel.Artist": 2 }]);
    expect(await Artist.objects.filter({ name__startswith: "q" }).delete()).toEqual([0, {}]);
    expect((await Artist.objects.all()).map(String)).toEqual(["kept"]);
    await expect(Artist.objects.all().slice(0, 1).delete()).rejects.toBeInstanceOf(InvalidOperation);
  });

  it("deletes and rewrites in batches: more related rows than one statement takes", async () => {
    await clean();
    const artist = await Artist.objects.create({ name: "big" });
    const album = await Album.objects.create({ title: "big", artist });
    await Song.objects.bulkCreate(Array.from({ length: 1203 }, (_, i) => new Song({ title: `s${i}`, album, artist })));
    const label = await Label.objects.create({ name: "many" });
    await Contract.objects.bulkCreate(Array.from({ length: 1100 }, () => new Contract({ artist, label, backup: null })));
    expect(await label.delete()).toEqual([1, { "ondel.Label": 1 }]);
    expect(await Contract.objects.filter({ label__isnull: true }).count()).toBe(1100);
    await Contract.objects.delete();
    expect(await artist.delete()).toEqual([1205, { "ondel.Song": 1203, "ondel.Album": 1, "ondel.Artist": 1 }]);
    expect(await Song.objects.count()).toBe(0);
  });

  it("an unsaved instance cannot be deleted", async () => {
    await expect(new Artist({ name: "new" }).delete())
      .rejects.toThrow(new InvalidOperation("Artist object can't be deleted because its id attribute is set to None."));
  });
});
