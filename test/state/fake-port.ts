import type {
  AggregateResponse,
  AuditEntry,
  DataTableRow,
  DirectoryUser,
  GenesysPort,
  LiveDataTable,
  LiveQueue,
  LiveSkill,
  LiveUser,
  LiveWrapupCode,
  SkillWrite,
} from '../../src/genesys/port.js';

export interface FakeOrg {
  users: LiveUser[];
  skills: LiveSkill[];
  queues: LiveQueue[];
  /** queue id → member user ids */
  members: Record<string, string[]>;
  wrapupCodes: LiveWrapupCode[];
  tables: (LiveDataTable & { rows: DataTableRow[] })[];
  /** users deactivated in the org (`GET /users?state=inactive`) */
  inactiveUsers?: DirectoryUser[];
}

/** An in-memory GenesysPort over a small org; counts calls by method. */
export class FakeGenesysPort implements GenesysPort {
  readonly stats = { requests: 0, retries: 0, writes: 0 };
  readonly calls: Record<string, number> = {};
  constructor(readonly org: FakeOrg) {}

  private count(name: string): void {
    this.stats.requests++;
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  listUsers(): Promise<LiveUser[]> {
    this.count('listUsers');
    return Promise.resolve(structuredClone(this.org.users));
  }
  listSkills(): Promise<LiveSkill[]> {
    this.count('listSkills');
    return Promise.resolve(structuredClone(this.org.skills));
  }
  createSkill(name: string): Promise<LiveSkill> {
    this.count('createSkill');
    const skill = { id: `skill-${this.org.skills.length + 1}`, name };
    this.org.skills.push(skill);
    return Promise.resolve(skill);
  }
  listQueues(): Promise<LiveQueue[]> {
    this.count('listQueues');
    return Promise.resolve(structuredClone(this.org.queues));
  }
  listQueueMembers(queueId: string): Promise<string[]> {
    this.count('listQueueMembers');
    return Promise.resolve([...(this.org.members[queueId] ?? [])]);
  }
  listWrapupCodes(): Promise<LiveWrapupCode[]> {
    this.count('listWrapupCodes');
    return Promise.resolve(structuredClone(this.org.wrapupCodes));
  }
  findDataTable(name: string): Promise<LiveDataTable | undefined> {
    this.count('findDataTable');
    const table = this.org.tables.find((t) => t.name === name);
    if (!table) return Promise.resolve(undefined);
    const found: LiveDataTable = { id: table.id, name: table.name };
    if (table.schema !== undefined) found.schema = structuredClone(table.schema);
    return Promise.resolve(found);
  }
  listDataTableRows(tableId: string): Promise<DataTableRow[]> {
    this.count('listDataTableRows');
    return Promise.resolve(structuredClone(this.org.tables.find((t) => t.id === tableId)?.rows ?? []));
  }
  createDataTableRow(): Promise<void> {
    return this.unsupported('createDataTableRow');
  }
  updateDataTableRow(): Promise<void> {
    return this.unsupported('updateDataTableRow');
  }
  deleteDataTableRow(): Promise<void> {
    return this.unsupported('deleteDataTableRow');
  }
  replaceUserSkills(_userId: string, _skills: SkillWrite[]): Promise<void> {
    return this.unsupported('replaceUserSkills');
  }
  patchUserSkills(_userId: string, _skills: SkillWrite[]): Promise<void> {
    return this.unsupported('patchUserSkills');
  }
  deleteUserSkill(): Promise<void> {
    return this.unsupported('deleteUserSkill');
  }
  listInactiveUsers(): Promise<DirectoryUser[]> {
    this.count('listInactiveUsers');
    return Promise.resolve(structuredClone(this.org.inactiveUsers ?? []));
  }
  listLanguages(): Promise<never> {
    return this.unsupported('listLanguages');
  }
  patchUserLanguages(): Promise<void> {
    return this.unsupported('patchUserLanguages');
  }
  deleteUserLanguage(): Promise<void> {
    return this.unsupported('deleteUserLanguage');
  }
  queryAggregates(): Promise<AggregateResponse> {
    return this.unsupported('queryAggregates');
  }
  queryAudits(): Promise<AuditEntry[]> {
    return this.unsupported('queryAudits');
  }

  private unsupported(name: string): Promise<never> {
    return Promise.reject(new Error(`FakeGenesysPort: ${name} is not used by desired-state code`));
  }
}

const SKILL_NAMES = ['Billing', 'Sales', 'Spanish', 'Technical Support', 'Retention'];

/** The org the example fixture (test/fixtures/desired-state/example) describes. */
export function exampleOrg(): FakeOrg {
  const skills = SKILL_NAMES.map((name, i) => ({ id: `s${i + 1}`, name }));
  const skill = (name: string, proficiency: number) => ({
    id: skills.find((s) => s.name === name)?.id ?? 'missing',
    name,
    proficiency,
  });
  return {
    skills,
    queues: [
      { id: 'q1', name: 'Support' },
      { id: 'q2', name: 'Sales' },
      { id: 'q3', name: 'Back Office' },
    ],
    users: [
      {
        id: 'u1',
        name: 'Alice',
        email: 'alice@example.com',
        skills: [skill('Billing', 4), skill('Technical Support', 5)],
      },
      {
        id: 'u2',
        name: 'Bob',
        email: 'Bob.Jones@example.com',
        skills: [skill('Technical Support', 3.5), skill('Spanish', 2)],
      },
      { id: 'u3', name: 'Carol', email: 'carol@example.com', skills: [] },
      {
        id: 'u4',
        name: 'Dave',
        email: 'dave@example.com',
        skills: [skill('Sales', 5), skill('Retention', 3), skill('Billing', 1)],
      },
      { id: 'u5', name: 'Erin', email: 'erin@example.com', skills: [skill('Sales', 2.5)] },
      { id: 'u6', name: 'Admin', email: 'admin@example.com', skills: [] },
      { id: 'u7', name: 'Frank', email: 'frank@example.com', skills: [skill('Billing', 0.25)] },
    ],
    members: { q1: ['u1', 'u2', 'u3', 'u4'], q2: ['u4', 'u5'], q3: [] },
    wrapupCodes: [{ id: 'w1', name: 'Billing question' }],
    tables: [
      {
        id: 't1',
        name: 'Routing Skill Weights',
        rows: [
          { key: 'Support|Billing', weight: 80 },
          { key: 'Support|Technical Support', weight: 100 },
          { key: 'Sales|Sales', weight: 90 },
          { key: 'Sales|Retention', weight: 40 },
        ],
      },
    ],
  };
}
