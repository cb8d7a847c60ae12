/*
 * The CDEvents specification's JSON schemas the endpoint validates against, vendored byte for byte
 * from github.com/cdevents/spec (see schemas/README.md for the releases, commits and how to
 * upgrade). Only the event types `POST /cdevents` accepts, and the link schemas they refer to.
 */

import servicedeployed041 from './schemas/v0.4.1/servicedeployed.json';
import serviceupgraded041 from './schemas/v0.4.1/serviceupgraded.json';
import servicerolledback041 from './schemas/v0.4.1/servicerolledback.json';
import serviceremoved041 from './schemas/v0.4.1/serviceremoved.json';
import artifactpackaged041 from './schemas/v0.4.1/artifactpackaged.json';
import artifactpublished041 from './schemas/v0.4.1/artifactpublished.json';
import incidentdetected041 from './schemas/v0.4.1/incidentdetected.json';
import incidentreported041 from './schemas/v0.4.1/incidentreported.json';
import incidentresolved041 from './schemas/v0.4.1/incidentresolved.json';
import testsuiterunfinished041 from './schemas/v0.4.1/testsuiterunfinished.json';
import changemerged041 from './schemas/v0.4.1/changemerged.json';
import embeddedlinkend041 from './schemas/v0.4.1/links/embeddedlinkend.json';
import embeddedlinkpath041 from './schemas/v0.4.1/links/embeddedlinkpath.json';
import embeddedlinkrelation041 from './schemas/v0.4.1/links/embeddedlinkrelation.json';
import embeddedlinksarray041 from './schemas/v0.4.1/links/embeddedlinksarray.json';
import linkend041 from './schemas/v0.4.1/links/linkend.json';
import linkpath041 from './schemas/v0.4.1/links/linkpath.json';
import linkrelation041 from './schemas/v0.4.1/links/linkrelation.json';
import linkstart041 from './schemas/v0.4.1/links/linkstart.json';
import servicedeployed051 from './schemas/v0.5.1/servicedeployed.json';
import serviceupgraded051 from './schemas/v0.5.1/serviceupgraded.json';
import servicerolledback051 from './schemas/v0.5.1/servicerolledback.json';
import serviceremoved051 from './schemas/v0.5.1/serviceremoved.json';
import artifactpackaged051 from './schemas/v0.5.1/artifactpackaged.json';
import artifactpublished051 from './schemas/v0.5.1/artifactpublished.json';
import incidentdetected051 from './schemas/v0.5.1/incidentdetected.json';
import incidentreported051 from './schemas/v0.5.1/incidentreported.json';
import incidentresolved051 from './schemas/v0.5.1/incidentresolved.json';
import testsuiterunfinished051 from './schemas/v0.5.1/testsuiterunfinished.json';
import changemerged051 from './schemas/v0.5.1/changemerged.json';
import embeddedlinkend051 from './schemas/v0.5.1/links/embeddedlinkend.json';
import embeddedlinkpath051 from './schemas/v0.5.1/links/embeddedlinkpath.json';
import embeddedlinkrelation051 from './schemas/v0.5.1/links/embeddedlinkrelation.json';
import embeddedlinksarray051 from './schemas/v0.5.1/links/embeddedlinksarray.json';
import linkend051 from './schemas/v0.5.1/links/linkend.json';
import linkpath051 from './schemas/v0.5.1/links/linkpath.json';
import linkrelation051 from './schemas/v0.5.1/links/linkrelation.json';
import linkstart051 from './schemas/v0.5.1/links/linkstart.json';

/** A release of the CDEvents specification: its event schemas and the link schemas they refer to. */
export interface CdEventsSpecRelease {
  version: string;
  events: object[];
  links: object[];
}

/** The vendored releases, newest first. */
export const CDEVENTS_SPEC_RELEASES: CdEventsSpecRelease[] = [
  {
    version: '0.5.1',
    events: [
      servicedeployed051,
      serviceupgraded051,
      servicerolledback051,
      serviceremoved051,
      artifactpackaged051,
      artifactpublished051,
      incidentdetected051,
      incidentreported051,
      incidentresolved051,
      testsuiterunfinished051,
      changemerged051,
    ],
    links: [
      embeddedlinkend051,
      embeddedlinkpath051,
      embeddedlinkrelation051,
      embeddedlinksarray051,
      linkend051,
      linkpath051,
      linkrelation051,
      linkstart051,
    ],
  },
  {
    version: '0.4.1',
    events: [
      servicedeployed041,
      serviceupgraded041,
      servicerolledback041,
      serviceremoved041,
      artifactpackaged041,
      artifactpublished041,
      incidentdetected041,
      incidentreported041,
      incidentresolved041,
      testsuiterunfinished041,
      changemerged041,
    ],
    links: [
      embeddedlinkend041,
      embeddedlinkpath041,
      embeddedlinkrelation041,
      embeddedlinksarray041,
      linkend041,
      linkpath041,
      linkrelation041,
      linkstart041,
    ],
  },
];
