/** `kubectl get -o name`: `kind.group/name`. */
import type { AnyObject, Kind } from '../../cluster/api';
import { kindWithGroup } from './kindNames';

export function nameOf(obj: AnyObject): string {
  return `${kindWithGroup(obj.kind as Kind)}/${obj.metadata?.name ?? ''}`;
}
