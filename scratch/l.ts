import { shell, NS } from '../tests/unit/kubectl/commands/helpers';
const sh = shell(NS);
const pod = sh.run('kubectl get pods -o name').stdout.split('\n').find(l => l.includes('api-service'))!;
for (let i = 0; i < 400; i++) {
  const p = sh.cluster.get('Pod', NS, pod.slice(4))!;
  const st = p.status!.containerStatuses![0]!.state!;
  if (st.running) { console.log('running at +', i, 's'); const r = sh.run(`kubectl logs -f ${pod}`); console.log(JSON.stringify(r.stdout), !!r.follow); break; }
  sh.cluster.advanceBy(1000);
}
