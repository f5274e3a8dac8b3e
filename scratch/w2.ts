import { shell, NS } from '../tests/unit/kubectl/commands/helpers';
import { advanceFollowing } from '../src/kubectl/follow';
const sh = shell(NS);
const f = sh.run('kubectl get pods -w'); process.stdout.write(f.stdout);
sh.run('kubectl rollout undo deployment/api-service');
advanceFollowing(sh.cluster, f.follow, sh.cluster.now() + 40000, (u) => process.stdout.write(u.stdout));
