export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  sources: number;
  failed: number;
  created: number;
  updated: number;
}

export interface RunsPart {
  record(run: RunRecord): Promise<void>;
  latest(): Promise<RunRecord | null>;
}
