import { SidebarItem } from '@backstage/core-components';
import { NavContentNavItem } from '@backstage/plugin-app-react';
import Badge from '@material-ui/core/Badge';
import { usePendingApprovalCount } from '@release-orchestration/plugin-release-orchestration';

/** The Approvals page in the sidebar, with a badge counting what waits for the user's vote. */
export function ApprovalsNavItem(props: NavContentNavItem) {
  const { count, more } = usePendingApprovalCount();
  const badge = count ? `${count}${more ? '+' : ''}` : undefined;
  return (
    <SidebarItem
      to={props.href}
      text={props.title}
      icon={() => (
        <Badge
          badgeContent={badge}
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
