import { shell, NS } from '../tests/unit/kubectl/commands/helpers';
import { advanceFollowing } from '../src/kubectl/follow';
const sh = shell(NS);
const show = (line: string, secs: number) => {
  const r = sh.run(line);
  process.stdout.write(`$ ${line}\n` + (r.screen ?? '') + r.stdout + r.stderr);
  advanceFollowing(sh.cluster, r.follow, sh.cluster.now() + secs * 1000, (u) => process.stdout.write((u.screen ? '[frame]\n' + u.screen : '') + u.stdout + u.stderr + (u.done ? '[done]\n' : '')));
  r.follow?.stop();
};
show('kubectl get pods -w', 120);
show('kubectl rollout undo deployment/api-service', 0);
show('kubectl get pods -w', 60);
show('kubectl get deploy --watch-only', 60);
const pod = sh.run('kubectl get pods -o name').stdout.split('\n').find(l => l.includes('api-service'))!;
show(`kubectl logs -f ${pod}`, 30);
show('kubectl get pods -w | grep api', 30);
show('watch -n 5 kubectl get deploy', 12);
