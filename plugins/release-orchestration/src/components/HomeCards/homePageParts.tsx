import type { ComponentParts } from '@backstage/plugin-home-react';
import { MySystemsCardProps, MySystemsContent } from './MySystemsCard';
import {
  MyTeamsDeliveryContent,
  MyTeamsDeliveryLink,
} from './MyTeamsDeliveryCard';
import {
  PendingApprovalsCardProps,
  PendingApprovalsContent,
  PendingApprovalsLink,
} from './PendingApprovalsCard';

/*
 * The home cards as @backstage/plugin-home card parts: the home page's card frame gives the title
 * (and settings), the parts give the body and the link at the bottom. Used by the legacy
 * `createCardExtension` cards and the new frontend system's home page widgets.
 */

/** "Waiting for my approval". */
export const pendingApprovalsParts: ComponentParts = {
  Content: (props?: PendingApprovalsCardProps) => (
    <PendingApprovalsContent {...props} />
  ),
  Actions: () => <PendingApprovalsLink />,
};

/** "My Systems". */
export const mySystemsParts: ComponentParts = {
  Content: (props?: MySystemsCardProps) => <MySystemsContent {...props} />,
};

/** "Delivery performance of my teams". */
export const myTeamsDeliveryParts: ComponentParts = {
  Content: () => <MyTeamsDeliveryContent />,
  Actions: () => <MyTeamsDeliveryLink />,
};
