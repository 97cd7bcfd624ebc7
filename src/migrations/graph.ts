import type { Migration } from "./migration.js";

/** Raised for a dependency on a migration that does not exist (Django's `NodeNotFoundError`). */
export class NodeNotFoundError extends Error {
  override name = "NodeNotFoundError";
}

/** Django's `MigrationGraph`: migrations with their dependencies across apps. */
export class MigrationGraph {
  readonly nodes = new Map<string, Migration>();
  private readonly parents = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();

  add(migration: Migration): void {
    this.nodes.set(migration.key, migration);
  }

  /** Resolves dependencies (`__first__`, `__latest__`) and checks that every one exists. */
  validate(): void {
    for (const node of this.nodes.values()) {
      const parents: string[] = [];
      for (const [app, name] of node.dependencies) {
        const key = this.resolve(app, name);
        if (key === null) continue; // a dependency on an app without migrations
        if (!this.nodes.has(key)) {
          throw new NodeNotFoundError(`Migration ${node.key} dependencies reference nonexistent parent node ('${app}', '${name}')`);
        }
        parents.push(key);
      }
      this.parents.set(node.key, parents);
    }
    for (const key of this.nodes.keys()) this.children.set(key, []);
    for (const [child, parents] of this.parents) for (const parent of parents) this.children.get(parent)!.push(child);
    for (const key of this.nodes.keys()) this.forwardsPlan(key); // throws on cycles
  }

  private resolve(app: string, name: string): string | null {
    if (name === "__first__" || name === "__latest__") {
      const nodes = [...this.nodes.values()].filter((n) => n.appLabel === app).map((n) => n.key).sort();
      if (!nodes.length) return null;
      return name === "__first__" ? nodes[0]! : this.leafNodes(app)[0] ?? nodes[nodes.length - 1]!;
    }
    return `${app}.${name}`;
  }

  parentsOf(key: string): string[] {
    return this.parents.get(key) ?? [];
  }

  childrenOf(key: string): string[] {
    return this.children.get(key) ?? [];
  }

  /** The migration and everything it needs, dependencies first. */
  forwardsPlan(target: string): string[] {
    const out: string[] = [];
    const visiting = new Set<string>();
    const visit = (key: string, chain: string[]) => {
      if (out.includes(key)) return;
      if (visiting.has(key)) throw new Error(`Circular dependency between migrations: ${[...chain, key].join(" -> ")}`);
      visiting.add(key);
      for (const parent of [...this.parentsOf(key)].sort()) visit(parent, [...chain, key]);
      visiting.delete(key);
      out.push(key);
    };
    visit(target, []);
    return out;
  }

  /** The migration and everything that depends on it, dependents first. */
  backwardsPlan(target: string): string[] {
    const out: string[] = [];
    const visit = (key: string) => {
      if (out.includes(key)) return;
      for (const child of [...this.childrenOf(key)].sort()) visit(child);
      out.push(key);
    };
    visit(target);
    return out;
  }

  /** An app's migrations nothing in the same app depends on (more than one is a conflict). */
  leafNodes(app?: string): string[] {
    return [...this.nodes.values()]
      .filter((n) => (app === undefined || n.appLabel === app) && !this.childrenOf(n.key).some((c) => this.nodes.get(c)!.appLabel === n.appLabel))
      .map((n) => n.key).sort();
  }

  /** An app's migrations with no parent in the same app. */
  rootNodes(app: string): string[] {
    return [...this.nodes.values()]
      .filter((n) => n.appLabel === app && !this.parentsOf(n.key).some((p) => this.nodes.get(p)!.appLabel === app))
      .map((n) => n.key).sort();
  }

  /** Apps with more than one leaf (Django's `detect_conflicts`). */
  conflicts(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const app of new Set([...this.nodes.values()].map((n) => n.appLabel))) {
      const leaves = this.leafNodes(app);
      if (leaves.length > 1) out.set(app, leaves.map((k) => k.slice(app.length + 1)));
    }
    return out;
  }

  /** Every migration, in an order that respects the dependencies. */
  fullPlan(): string[] {
    const out: string[] = [];
    for (const leaf of this.leafNodes()) for (const key of this.forwardsPlan(leaf)) if (!out.includes(key)) out.push(key);
    return out;
  }

  get(key: string): Migration {
    const node = this.nodes.get(key);
    if (!node) throw new NodeNotFoundError(`Migration ${key} not found.`);
    return node;
  }
}
