// The mldesign/coverage notification: after each lint of a document, its coverage of the
// catalogue for the same version, so a client can show "ML design 4/5" and what is missing.
import { toCoverageParams } from '../convert';
import type { DocumentAnalysis } from '../documents';
import type { Outbox } from '../ports';

export class Coverage {
  constructor(private readonly out: Outbox) {}

  publish(result: DocumentAnalysis): void {
    this.out.sendCoverage(toCoverageParams(result.uri, result.version, result.analysis, result.config, result.configUri));
  }
}
