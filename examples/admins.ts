// README: Admins. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/admins.js` in another.
import { intercom, show } from './setup.js';

// Find access token owner (only with Personal Access Token and OAuth)
const me = await intercom.admins.me();
show('admins.me()', `${me.name} <${me.email}> of app ${me.app?.id_code}`);

// Find an admin by id
const admin = await intercom.admins.find({ id: me.id });
show(`admins.find({ id: '${me.id}' })`, admin.name);

// Iterate over all admins
for await (const a of intercom.admins.all()) show('admins.all()', `${a.type} ${a.id} ${a.email ?? ''}`);

intercom.close();
