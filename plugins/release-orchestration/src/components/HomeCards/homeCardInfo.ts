/* Imported by plugin.ts and alpha.tsx without loading the cards themselves. */

import type { CardLayout } from '@backstage/plugin-home-react';

/** Titles, descriptions and grid sizes of the home cards, shared by both frontend systems. */
export const HOME_CARDS = {
  pendingApprovals: {
    title: 'Waiting for my approval',
    description:
      'The promotions waiting for your vote, oldest first, with a link to the approval queue.',
    layout: {
      width: { minColumns: 6, defaultColumns: 12 },
      height: { minRows: 3, defaultRows: 4 },
    } as CardLayout,
  },
  mySystems: {
    title: 'My Systems',
    description:
      "The release each environment of your and your teams' Systems runs, and its drift.",
    layout: {
      width: { minColumns: 6, defaultColumns: 12 },
      height: { minRows: 3, defaultRows: 4 },
    } as CardLayout,
  },
  myTeamsDelivery: {
    title: 'Delivery performance of my teams',
    description:
      'The DORA metrics and levels of the teams you belong to over the last 30 days.',
    layout: {
      width: { minColumns: 6, defaultColumns: 12 },
      height: { minRows: 3, defaultRows: 4 },
    } as CardLayout,
  },
};
