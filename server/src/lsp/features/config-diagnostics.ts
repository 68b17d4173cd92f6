// Problems of config files go on the config files themselves, where they can be fixed. Sent
// when they change: configs load lazily (a document's analysis may load one), so this runs
// after every lint, and a publish per lint would repeat the same list for every keystroke.
import { toConfigDiagnostic } from '../convert';
import type { DocumentService } from '../documents';
import type { Outbox } from '../ports';

export class ConfigDiagnostics {
  /** What each config file's diagnostics were last published as. */
  private published = new Map<string, string>();

  constructor(
    private readonly service: DocumentService,
    private readonly out: Outbox,
  ) {}

  publish(): void {
    const now = new Map<string, string>();
    for (const [uri, problems] of this.service.configProblems()) {
      const diagnostics = problems.map(toConfigDiagnostic);
      const key = JSON.stringify(diagnostics);
      now.set(uri, key);
      if (this.published.get(uri) !== key) this.out.publishDiagnostics({ uri, diagnostics });
    }
    for (const uri of this.published.keys()) if (!now.has(uri)) this.out.publishDiagnostics({ uri, diagnostics: [] });
    this.published = now;
  }
}
