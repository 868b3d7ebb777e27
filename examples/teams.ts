// README: Teams. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/teams.js` in another.
import { intercom, show } from './setup.js';

// Iterate over all teams
for await (const team of intercom.teams.all())
  show('teams.all()', `${team.id} ${team.name}, admins ${team.admin_ids.join(', ')}`);

// Find a team by id (here: the first team of the token's admin)
const me = await intercom.admins.me();
const teamId = String(me.team_ids?.[0]);
const team = await intercom.teams.find({ id: teamId });
show(`teams.find({ id: '${teamId}' })`, `${team.name} with ${team.admin_ids.length} admins`);

intercom.close();
