import { ApiError } from '../../src/errors.js';
import type {
  AggregateResponse,
  AuditEntry,
  DataTableRow,
  GenesysPort,
  DirectoryUser,
  LanguageWrite,
  LiveDataTable,
  LiveLanguage,
  LiveUserLanguage,
  LiveQueue,
  LiveSkill,
  LiveUser,
  LiveUserSkill,
  LiveWrapupCode,
  SkillWrite,
} from '../../src/genesys/port.js';

/** A scripted failure: the next `count` calls of `method` on `target` (user id or row key) throw `error`. */
interface Fault {
  method: string;
  target: string;
  count: number;
  error: () => Error;
  /** the write reaches the org before the error comes back (a 502 after the upstream applied it) */
  applied: boolean;
}

export function http(
  status: number,
  method = 'PUT',
  path = '/api/v2/users/x/routingskills/bulk',
): () => Error {
  return () => new ApiError({ status, method, path, message: `HTTP ${status} from the test` });
}

/** An in-memory org behind the GenesysPort, with scripted write failures; counts write operations. */
export class MemoryPort implements GenesysPort {
  readonly stats = { requests: 0, retries: 0, writes: 0 };
  readonly writeCalls: { method: string; target: string; ok: boolean }[] = [];
  private faults: Fault[] = [];
  readonly table: LiveDataTable = { id: 'table-1', name: 'Routing Skill Weights' };

  constructor(
    readonly users: LiveUser[],
    readonly skills: LiveSkill[],
    readonly rows: DataTableRow[] = [],
    readonly languages: LiveLanguage[] = [],
  ) {}

  fail(method: string, target: string, count: number, error: () => Error, applied = false): void {
    this.faults.push({ method, target, count, error, applied });
  }

  failReads = 0;

  private write(method: string, target: string, apply: () => void): Promise<void> {
    this.stats.requests++;
    this.stats.writes++;
    const fault = this.faults.find((f) => f.method === method && f.target === target && f.count > 0);
    if (fault) {
      fault.count--;
      if (fault.applied) apply();
      this.writeCalls.push({ method, target, ok: false });
      return Promise.reject(fault.error());
    }
    apply();
    this.writeCalls.push({ method, target, ok: true });
    return Promise.resolve();
  }

  private read<T>(value: T): Promise<T> {
    this.stats.requests++;
    if (this.failReads > 0) {
      this.failReads--;
      return Promise.reject(http(503, 'GET', '/api/v2/users/x/routingskills')());
    }
    return Promise.resolve(structuredClone(value));
  }

  private user(id: string): LiveUser {
    const user = this.users.find((u) => u.id === id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }

  private named(skills: SkillWrite[]): LiveUserSkill[] {
    return skills.map((s) => ({
      id: s.id,
      name: this.skills.find((k) => k.id === s.id)?.name ?? s.id,
      proficiency: s.proficiency,
    }));
  }

  listUsers(): Promise<LiveUser[]> {
    return this.read(this.users);
  }
  listUserSkills(userId: string): Promise<LiveUserSkill[]> {
    return this.read(this.user(userId).skills);
  }
  listUserLanguages(userId: string): Promise<LiveUserLanguage[]> {
    return this.read(this.user(userId).languages ?? []);
  }
  listInactiveUsers(): Promise<DirectoryUser[]> {
    return this.read([]);
  }
  listLanguages(): Promise<LiveLanguage[]> {
    return this.read(this.languages);
  }
  patchUserLanguages(userId: string, languages: LanguageWrite[]): Promise<void> {
    return this.write('patchUserLanguages', userId, () => {
      const user = this.user(userId);
      const kept = (user.languages ?? []).filter((s) => !languages.some((w) => w.id === s.id));
      const named = languages.map((l) => ({
        id: l.id,
        name: this.languages.find((k) => k.id === l.id)?.name ?? l.id,
        proficiency: l.proficiency,
      }));
      user.languages = [...kept, ...named];
    });
  }
  deleteUserLanguage(userId: string, languageId: string): Promise<void> {
    return this.write('deleteUserLanguage', userId, () => {
      const user = this.user(userId);
      user.languages = (user.languages ?? []).filter((s) => s.id !== languageId);
    });
  }
  listSkills(): Promise<LiveSkill[]> {
    return this.read(this.skills);
  }
  listQueues(): Promise<LiveQueue[]> {
    return this.read([]);
  }
  findDataTable(): Promise<LiveDataTable | undefined> {
    return this.read(this.table);
  }
  listDataTableRows(): Promise<DataTableRow[]> {
    return this.read(this.rows);
  }
  replaceUserSkills(userId: string, skills: SkillWrite[]): Promise<void> {
    return this.write('replaceUserSkills', userId, () => {
      this.user(userId).skills = this.named(skills);
    });
  }
  patchUserSkills(userId: string, skills: SkillWrite[]): Promise<void> {
    return this.write('patchUserSkills', userId, () => {
      const user = this.user(userId);
      const kept = user.skills.filter((s) => !skills.some((w) => w.id === s.id));
      user.skills = [...kept, ...this.named(skills)];
    });
  }
  deleteUserSkill(userId: string, skillId: string): Promise<void> {
    return this.write('deleteUserSkill', userId, () => {
      const user = this.user(userId);
      user.skills = user.skills.filter((s) => s.id !== skillId);
    });
  }
  createDataTableRow(_tableId: string, row: DataTableRow): Promise<void> {
    return this.write('createDataTableRow', row.key, () => void this.rows.push({ ...row }));
  }
  updateDataTableRow(_tableId: string, row: DataTableRow): Promise<void> {
    return this.write('updateDataTableRow', row.key, () => {
      const index = this.rows.findIndex((r) => r.key === row.key);
      this.rows[index] = { ...row };
    });
  }
  deleteDataTableRow(_tableId: string, key: string): Promise<void> {
    return this.write('deleteDataTableRow', key, () => {
      this.rows.splice(
        this.rows.findIndex((r) => r.key === key),
        1,
      );
    });
  }
  createSkill(): Promise<LiveSkill> {
    return Promise.reject(new Error('not used'));
  }
  listQueueMembers(): Promise<string[]> {
    return Promise.reject(new Error('not used'));
  }
  listWrapupCodes(): Promise<LiveWrapupCode[]> {
    return Promise.reject(new Error('not used'));
  }
  queryAggregates(): Promise<AggregateResponse> {
    return Promise.reject(new Error('not used'));
  }
  queryAudits(): Promise<AuditEntry[]> {
    return Promise.resolve([]);
  }
}
