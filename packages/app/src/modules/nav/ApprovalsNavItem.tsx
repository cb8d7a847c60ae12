import { SidebarItem } from '@backstage/core-components';
import { NavContentNavItem } from '@backstage/plugin-app-react';
import Badge from '@material-ui/core/Badge';
import { usePendingApprovalCount } from '@release-orchestration/plugin-release-orchestration';

/**
 * The Approvals page in the sidebar, with the count of what waits for the user's vote in its text
 * ("Approvals (2)") and a dot on the icon for the collapsed sidebar. The count is part of the
 * link's text, not only of a badge, so the link's accessible name holds all it shows (axe:
 * label-content-name-mismatch).
 */
export function ApprovalsNavItem(props: NavContentNavItem) {
  const { count } = usePendingApprovalCount();
  const badge = count ? String(count) : undefined;
  return (
    <SidebarItem
      to={props.href}
      text={badge ? `${props.title} (${badge})` : props.title}
      icon={() => (
        <Badge
          variant="dot"
          invisible={!badge}
          color="secondary"
          overlap="rectangular"
          aria-label={badge ? `${badge} waiting for your approval` : undefined}
        >
          {props.icon}
        </Badge>
      )}
    />
  );
}
