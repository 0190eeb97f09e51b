import { PageFrame, usePageI18n } from '../components/PageFrame';
import { StaffGate } from '../components/StaffGate';
import { ModeratorConsole } from './ModeratorConsole';

export function ModeratorApp() {
  const i18n = usePageI18n();
  return (
    <PageFrame i18n={i18n} barLabel={i18n.t.moderator.title}>
      <StaffGate role="moderator" accepts={['moderator', 'admin']}>
        {({ token, session }) => <ModeratorConsole key={session.id} token={token!} session={session} />}
      </StaffGate>
    </PageFrame>
  );
}
