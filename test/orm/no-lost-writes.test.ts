import { describe, expect, it } from "vitest";
import {
  atomic, captureQueries, CASCADE, CharField, ForeignKey, IntegrityError, Model, SET_NULL, type Manager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Django's many_to_one models (Reporter, Article with a nullable editor).
class Reporter extends Model("nolost", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Reporter>;
}

class Article extends Model("nolost", {
  headline: CharField({ maxLength: 100, unique: true }),
  reporter: ForeignKey(() => Reporter, { onDelete: CASCADE }),
  editor: ForeignKey(() => Reporter, { onDelete: SET_NULL, null: true, relatedName: "edited" }),
}) {
  declare static objects: Manager<Article>;
}

useTestDatabase([Reporter, Article]);

const headlines = async () => (await Article.objects.orderBy("headline").valuesList("headline", { flat: true }));

describe(dbName("cached relation vs changed key (Django's ForeignKeyDeferredAttribute)"), () => {
  it("test_cached_foreign_key_with_to_field_not_cleared_by_save: changing reporter_id after caching saves the new key", async () => {
    const r1 = await Reporter.objects.create({ name: "r1" });
    const r2 = await Reporter.objects.create({ name: "r2" });
    const article = await Article.objects.create({ headline: "key change", reporter: r1 });
    const fresh = await Article.objects.get({ pk: article.pk });
    expect((await fresh.reporter).name).toBe("r1");
    fresh.reporter_id = r2.pk;
    await fresh.save();
    expect((await Article.objects.get({ pk: article.pk })).reporter_id).toBe(r2.pk);
    expect((await fresh.reporter).name).toBe("r2");
  });

  it("test_assign_fk_id_none: setting editor_id to null after caching saves null", async () => {
    const r1 = await Reporter.objects.create({ name: "r3" });
    const article = await Article.objects.create({ headline: "editor null", reporter: r1, editor: r1 });
    const fresh = await Article.objects.get({ pk: article.pk });
    expect((await fresh.editor)?.name).toBe("r3");
    fresh.editor_id = null;
    await fresh.save();
    expect((await Article.objects.get({ pk: article.pk })).editor_id).toBeNull();
    expect(await fresh.editor).toBeNull();
  });

  it("test_save_fk_after_parent_with_non_null_key: the key is copied from a cached object saved after assignment", async () => {
    const reporter = new Reporter({ name: "late" });
    const article = new Article({ headline: "saved later", reporter });
    await reporter.save();
    await article.save();
    expect(article.reporter_id).toBe(reporter.pk);
    expect((await Article.objects.get({ pk: article.pk })).reporter_id).toBe(reporter.pk);
  });
});

describe(dbName("QuerySet result cache"), () => {
  it("test_delete_clears_result_cache: a deleted queryset evaluates again", async () => {
    const r = await Reporter.objects.create({ name: "cache" });
    await Article.objects.create({ headline: "c1", reporter: r });
    const qs = Article.objects.filter({ reporter: r });
    expect(await qs).toHaveLength(1);
    await qs.delete();
    expect(await qs).toHaveLength(0);
    // The fast-delete path (nothing points at Article) clears it too; so does the collector path.
    const reporters = Reporter.objects.filter({ name: "cache" });
    expect(await reporters).toHaveLength(1);
    await reporters.delete();
    expect(await reporters).toHaveLength(0);
  });

  it("test_concurrent_evaluation_runs_one_query: awaiting one unevaluated queryset twice at once runs one SELECT", async () => {
    await Reporter.objects.create({ name: "once" });
    const qs = Reporter.objects.filter({ name: "once" });
    const { result, queries } = await captureQueries(() => Promise.all([qs, qs]));
    expect(queries).toHaveLength(1);
    expect(result[0]).toBe(result[1]);
    expect(result[0]).toHaveLength(1);
  });
});

describe(dbName("sibling atomic blocks in one transaction"), () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  let reporter: Reporter;
  const create = (headline: string) => Article.objects.create({ headline, reporter });

  it("test_sibling_savepoints_first_fails: a sibling's rollback keeps the other sibling's resolved writes", async () => {
    reporter = await Reporter.objects.create({ name: "siblings" });
    await Article.objects.filter({ headline__startswith: "sib" }).delete();
    await atomic(async () => {
      const results = await Promise.allSettled([
        atomic(async () => { await create("sib a"); await tick(); throw new Error("a fails"); }),
        atomic(async () => { await create("sib b"); }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    });
    expect(await headlines()).toContain("sib b");
    expect(await headlines()).not.toContain("sib a");
  });

  it("test_sibling_savepoints_second_fails: the first sibling's writes survive the second's rollback", async () => {
    await Article.objects.filter({ headline__startswith: "sib" }).delete();
    await atomic(async () => {
      const results = await Promise.allSettled([
        atomic(async () => { await tick(); await create("sib c"); }),
        atomic(async () => { await create("sib d"); throw new Error("d fails"); }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    });
    const rows = await headlines();
    expect(rows).toContain("sib c");
    expect(rows).not.toContain("sib d");
  });

  it("test_sibling_savepoints_either_completion_order: both siblings commit whichever resolves first", async () => {
    await Article.objects.filter({ headline__startswith: "sib" }).delete();
    await atomic(async () => {
      await Promise.all([
        atomic(async () => { await create("sib e"); await tick(); await tick(); await create("sib e2"); }),
        atomic(async () => { await create("sib f"); }),
      ]);
      await Promise.all([
        atomic(async () => { await create("sib g"); }),
        atomic(async () => { await tick(); await create("sib h"); }),
      ]);
    });
    expect((await headlines()).filter((h) => h.startsWith("sib"))).toEqual(["sib e", "sib e2", "sib f", "sib g", "sib h"]);
  });

  it("test_sibling_integrity_error: a unique violation in one sibling rolls back only that sibling", async () => {
    await Article.objects.filter({ headline__startswith: "sib" }).delete();
    await atomic(async () => {
      const results = await Promise.allSettled([
        atomic(async () => { await create("sib i"); await tick(); await create("sib i"); }),
        atomic(async () => { await create("sib j"); }),
        create("sib k"),
      ]);
      expect(results[0]!.status).toBe("rejected");
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(IntegrityError);
    });
    expect((await headlines()).filter((h) => h.startsWith("sib"))).toEqual(["sib j", "sib k"]);
  });

  it("test_outer_rollback_undoes_siblings: a failing outer block undoes every sibling", async () => {
    await Article.objects.filter({ headline__startswith: "sib" }).delete();
    await expect(atomic(async () => {
      await Promise.all([atomic(() => create("sib l")), atomic(() => create("sib m"))]);
      throw new Error("outer fails");
    })).rejects.toThrow("outer fails");
    expect((await headlines()).filter((h) => h.startsWith("sib"))).toEqual([]);
  });
});
