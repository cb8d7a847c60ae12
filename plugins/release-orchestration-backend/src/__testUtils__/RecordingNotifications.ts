import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';

/** A notification service that keeps what it is asked to send, for assertions. */
export class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];

  async send(options: NotificationSendOptions): Promise<void> {
    this.sent.push(options);
  }

  /** Recipients and title of every notification, in order. */
  summary(): Array<{ to: string[]; title: string }> {
    return this.sent.map(n => ({
      to:
        n.recipients.type === 'entity'
          ? [n.recipients.entityRef].flat()
          : ['broadcast'],
      title: n.payload.title,
    }));
  }

  /** A factory that provides this recorder as the plugin's notification service. */
  factory() {
    return createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => this,
    });
  }
}
